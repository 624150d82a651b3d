/**
 * Column helpers shared by the tables: UUIDs stored as BINARY(16) (compact
 * and, being v7, time-ordered, so inserts append to the primary key) and
 * UTC instants with millisecond precision.
 */
import { customType, datetime } from "drizzle-orm/mysql-core";

export const uuidBinary = customType<{ data: string; driverData: Buffer }>({
  dataType() {
    return "binary(16)";
  },
  toDriver(value) {
    return uuidToBuffer(value);
  },
  fromDriver(value) {
    return bufferToUuid(value);
  },
});

export function uuidToBuffer(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ""), "hex");
}

export function bufferToUuid(buffer: Buffer): string {
  const hex = buffer.toString("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join("-");
}

/** A UTC instant; the connection runs with time zone +00:00. */
export function utcTime(name: string) {
  return datetime(name, { mode: "date", fsp: 3 });
}
