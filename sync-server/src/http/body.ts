/**
 * Reading a request: its content type (application/json only), the raw body
 * with a byte limit checked before any parsing, JSON, the protocol version,
 * then the zod schema of the message. Each failure is an HttpError naming
 * what is wrong.
 */
import type { z } from "zod";

import { ACCEPTED_PROTOCOL_VERSIONS, describeIssues } from "@ocpizza/schema";

import { HttpError } from "./errors.js";

/** Limit of the small JSON bodies (pairing, admin): 16 KiB. */
export const SMALL_BODY_BYTES = 16 * 1024;

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get("content-type");
  if (contentType !== null && !isJsonType(contentType)) throw unsupportedType(contentType);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const text = await readText(request, maxBytes);
  if (text.trim() === "") {
    throw new HttpError(400, "invalid_json", "The body is empty: send a JSON object.");
  }
  if (contentType === null) throw unsupportedType(null);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unreadable";
    throw new HttpError(400, "invalid_json", `The body is not valid JSON (${reason}).`);
  }
}

/** Refuses a protocol version this server does not speak, before the schema is applied. */
export function checkProtocol(protocol: unknown): void {
  if (protocol === undefined) return;
  const version =
    typeof protocol === "string" && protocol.trim() !== "" ? Number(protocol) : protocol;
  if (typeof version === "number" && ACCEPTED_PROTOCOL_VERSIONS.includes(version)) return;
  throw new HttpError(
    400,
    "unsupported_protocol",
    `Protocol version ${JSON.stringify(protocol)} is not supported: this server accepts ` +
      `${ACCEPTED_PROTOCOL_VERSIONS.join(" and ")}. Update the app.`,
    { accepted: [...ACCEPTED_PROTOCOL_VERSIONS] },
  );
}

export function parseMessage<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpError(
      400,
      "invalid_message",
      `Invalid message: ${describeIssues(parsed.error)}.`,
    );
  }
  return parsed.data;
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not UTF-8 text: send a JSON object.");
  }
}

/** `application/json`, optionally with `charset=utf-8`. */
function isJsonType(header: string): boolean {
  const [type, ...params] = header.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((param) => {
    const [name, value] = param.split("=").map((part) => part.trim().replace(/^"|"$/g, ""));
    return name !== "charset" || value === "utf-8" || value === "utf8";
  });
}

function unsupportedType(header: string | null): HttpError {
  const sent = header === null ? "no Content-Type" : `Content-Type ${JSON.stringify(header)}`;
  return new HttpError(
    415,
    "unsupported_media_type",
    `This endpoint reads JSON and the request has ${sent}: send the body as ` +
      `Content-Type: application/json (UTF-8).`,
  );
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    "payload_too_large",
    `The body is larger than ${maxBytes} bytes: send fewer mutations per push.`,
    { maxBytes },
  );
}
