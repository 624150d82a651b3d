import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { lockDeviceFile } from "./replay-devices.js";

const fileIn = () => join(mkdtempSync(join(tmpdir(), "ocp-lock-")), "devices.json");

describe("lockDeviceFile", () => {
  it("lets one replay at a time push as the same devices", () => {
    const file = fileIn();
    const unlock = lockDeviceFile(file);
    expect(() => lockDeviceFile(file)).toThrow(/another replay \(pid \d+\) is pushing/);
    unlock();
    expect(existsSync(`${file}.lock`)).toBe(false);
    lockDeviceFile(file)();
  });

  it("takes over a lock left by a replay that died", async () => {
    const file = fileIn();
    const child = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => child.on("exit", resolve));
    writeFileSync(`${file}.lock`, String(child.pid));
    const unlock = lockDeviceFile(file);
    unlock();
  });
});
