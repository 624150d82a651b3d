/**
 * Device credentials for the replay, obtained the way a counter obtains
 * them (a pairing code from the admin API, redeemed once) and kept in
 * .data/replay-devices.json so that the next replay pushes from the same
 * devices and carries on their sequence numbers.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import type { PairResponse } from "@ocpizza/schema";

import { ApiError, callApi, dataDir } from "./api-client.js";

export interface ReplayDevice {
  deviceId: string;
  token: string;
}

type DeviceFile = Record<string, ReplayDevice[]>;

export function deviceFilePath(): string {
  return join(dataDir(), "replay-devices.json");
}

export async function obtainDevices(
  server: string,
  storeId: string,
  count: number,
  adminToken: string,
  file = deviceFilePath(),
): Promise<ReplayDevice[]> {
  const all = readDeviceFile(file);
  const key = `${server}|${storeId}`;
  const saved = all[key] ?? [];
  const known: ReplayDevice[] = [];

  // Keep only the credentials this server still honours (it may have been reset).
  let checked = 0;
  for (; checked < saved.length && known.length < count; checked += 1) {
    if (await stillValid(server, saved[checked])) known.push(saved[checked]);
  }
  while (known.length < count) {
    const { code } = await callApi<{ code: string }>(server, "/api/v1/admin/pairing-codes", {
      token: adminToken,
      body: { storeId, ttlMinutes: 5 },
    });
    const paired = await callApi<PairResponse>(server, "/api/v1/devices/pair", {
      body: { code, name: `Replay ${known.length + 1}` },
    });
    known.push({ deviceId: paired.deviceId, token: paired.token });
  }

  all[key] = [...known, ...saved.slice(checked)];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(all, null, 2), { mode: 0o600 });
  return known;
}

async function stillValid(server: string, device: ReplayDevice): Promise<boolean> {
  try {
    await callApi(server, "/api/v1/sync/state", { token: device.token });
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
}

function readDeviceFile(file: string): DeviceFile {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as DeviceFile;
  } catch {
    return {};
  }
}

/**
 * One replay at a time per device file: two replays pushing as the same
 * devices would reuse sequence numbers and the server would take the second
 * one's orders for resends. A lock left by a process that died is taken over.
 */
export function lockDeviceFile(file = deviceFilePath()): () => void {
  const lock = `${file}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lock, "utf8"));
      if (isRunning(pid)) {
        throw new ApiError(
          0,
          "replay_running",
          `another replay (pid ${pid}) is pushing as these devices: wait for it to finish`,
          null,
        );
      }
      rmSync(lock, { force: true });
    }
  }
  throw new ApiError(0, "replay_running", `could not take the replay lock ${lock}`, null);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
