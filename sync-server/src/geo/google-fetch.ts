/**
 * One HTTP call to a Google web service with a time limit, turned into a
 * plain outcome: a status and parsed JSON, or why there is none. The URL is
 * never part of an outcome or an error, because the Geocoding URL holds the key.
 */

export type FetchOutcome =
  | { kind: "response"; status: number; body: unknown }
  | { kind: "network"; reason: "timeout" | "unreachable" }
  | { kind: "bad_body"; status: number };

export async function callGoogle(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<FetchOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return { kind: "network", reason: timedOut ? "timeout" : "unreachable" };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { kind: "network", reason: "unreachable" };
  }
  try {
    return { kind: "response", status: response.status, body: JSON.parse(text) };
  } catch {
    return { kind: "bad_body", status: response.status };
  }
}
