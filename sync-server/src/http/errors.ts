/**
 * Errors with a shape: handlers throw an HttpError (status, code from the
 * shared schema, a message naming the field or id, optional details) and the
 * one handler here turns any error into the JSON body of the API.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "pino";

import type { ErrorBody, RequestErrorCode } from "@ocpizza/schema";

import { badValueColumn, classifyDbError, isTransientDbError } from "../db/errors.js";

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_S = 2;

export class HttpError extends Error {
  override name = "HttpError";

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: RequestErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function errorBody(
  code: RequestErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): ErrorBody {
  return { error: { ...details, code, message } };
}

/**
 * The app's onError: typed errors as they are, transient DB failures as 503,
 * a value a column cannot hold as 400 naming the column, the rest as 500.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof HttpError) {
      if (error.status === 503) c.header("Retry-After", String(RETRY_AFTER_S));
      if (error.status === 429) c.header("Retry-After", String(error.details.retryAfterS ?? 60));
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    }

    if (isTransientDbError(error)) {
      logger.warn(
        { kind: classifyDbError(error), method: c.req.method, path: c.req.path },
        "database unavailable",
      );
      c.header("Retry-After", String(RETRY_AFTER_S));
      return c.json(
        errorBody("unavailable", "The database is unavailable for a moment: retry shortly."),
        503,
      );
    }

    if (classifyDbError(error) === "bad_value") {
      const column = badValueColumn(error);
      logger.warn(
        { column, method: c.req.method, path: c.req.path },
        "value refused by the database",
      );
      return c.json(
        errorBody(
          "invalid_message",
          `Invalid message: ${column ?? "a value"}: out of range or too long for what the server ` +
            `stores; nothing was written. Check the amounts, counts and texts of this request.`,
        ),
        400,
      );
    }

    logger.error(
      { err: loggableError(error), method: c.req.method, path: c.req.path },
      "request failed",
    );
    return c.json(
      errorBody("internal", "The server failed to handle this request; it has been logged."),
      500,
    );
  };
}

/**
 * What of an unexpected error goes to the log: its type, message, driver code
 * and stack, but never the bound parameters of a failed query (Drizzle puts
 * them in the message, and they can hold a customer's name or phone).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const withoutParams = (text: string) => text.split("\nparams:")[0];
  const cause = error.cause as
    { code?: unknown; errno?: unknown; sqlMessage?: unknown } | undefined;
  return {
    type: error.name,
    message: withoutParams(error.message),
    code: (error as { code?: unknown }).code ?? cause?.code,
    errno: (error as { errno?: unknown }).errno ?? cause?.errno,
    sqlMessage: cause?.sqlMessage,
    stack: error.stack
      ?.split("\n")
      .filter((line) => line.trimStart().startsWith("at "))
      .join("\n"),
  };
}
