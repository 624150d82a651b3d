/**
 * The server's structured logger (pino, JSON lines on stdout). Only main.ts
 * creates one; every other module receives it, and tests pass a silent one.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "sync-server" } });
}

export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
