/**
 * Requests to nginx as a browser or a tablet makes them: over TLS, trusting
 * only the test's certificate, with the site's name (SNI and Host). Bodies
 * are returned as bytes, not decompressed, so tests see what nginx sent.
 */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Target {
  port: number;
  /** The PEM to trust; omitted, the request is plain HTTP. */
  ca?: string;
  host: string;
}

export function send(
  target: Target,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = (target.ca ? httpsRequest : httpRequest)(
      {
        host: "127.0.0.1",
        port: target.port,
        path,
        method: init.method ?? "GET",
        headers: { host: target.host, ...init.headers },
        ...(target.ca && { ca: target.ca, servername: target.host }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}

export interface EventStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Everything received so far. */
  text(): string;
  /** Waits until the received text satisfies `test`, or fails after `timeoutMs`. */
  until(test: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
}

/** Opens a stream; fails when no response head arrives within `timeoutMs`. */
export function openEventStream(
  target: Target,
  path: string,
  token: string,
  timeoutMs = 5_000,
): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = (target.ca ? httpsRequest : httpRequest)(
      {
        host: "127.0.0.1",
        port: target.port,
        path,
        headers: {
          host: target.host,
          authorization: `Bearer ${token}`,
          accept: "text/event-stream",
        },
        ...(target.ca && { ca: target.ca, servername: target.host }),
      },
      (response) => {
        clearTimeout(headTimer);
        let received = "";
        const waiters = new Set<() => void>();
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          received += chunk;
          for (const wake of waiters) wake();
        });
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: () => received,
          until(test, timeoutMs = 5_000) {
            return new Promise((done, fail) => {
              const check = () => {
                if (!test(received)) return;
                clearTimeout(timer);
                waiters.delete(check);
                done(received);
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`not received within ${timeoutMs} ms; got: ${received}`));
              }, timeoutMs);
              waiters.add(check);
              check();
            });
          },
          close: () => request.destroy(),
        });
      },
    );
    const headTimer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no response head within ${timeoutMs} ms for ${path}`));
    }, timeoutMs);
    request.on("error", reject);
    request.end();
  });
}

/** The store versions of the `changed` events in a stream's text. */
export function changedVersions(text: string): number[] {
  return [...text.matchAll(/event: changed\ndata: (.*)\n/g)].map(
    (match) => JSON.parse(match[1]).storeVersion as number,
  );
}
