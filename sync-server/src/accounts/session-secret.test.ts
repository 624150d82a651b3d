/**
 * Where the session secret comes from: the environment, or a file generated
 * once outside production; a weak one is refused with its name.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ConfigError } from "../config.js";
import { resolveSessionSecret } from "./session-secret.js";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "ocp-secret-"));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe("resolveSessionSecret", () => {
  it("generates a secret once into DATA_DIR (mode 600) outside production and reuses it", async () => {
    const config = { sessionSecret: null, dataDir, nodeEnv: "development" as const };

    const first = await resolveSessionSecret(config);
    const second = await resolveSessionSecret(config);

    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.secret).toBe(first.secret);
    expect(first.filePath).toBe(join(dataDir, "session-secret"));
    expect((await readFile(first.filePath!, "utf8")).trim()).toBe(first.secret);
    expect((await stat(first.filePath!)).mode & 0o777).toBe(0o600);
  });

  it("uses SESSION_SECRET as given and writes no file", async () => {
    const secret = "q7Vb2xKp9LmZ3rTn8WcYh4JdF6sGa1Ue";

    const source = await resolveSessionSecret({
      sessionSecret: secret,
      dataDir,
      nodeEnv: "production",
    });

    expect(source).toEqual({ secret, filePath: null });
  });

  it.each([
    ["a weak secret", "short", "development", /SESSION_SECRET is 5 characters long/],
    ["no secret in production", null, "production", /SESSION_SECRET is required in production/],
  ] as const)("refuses %s", async (_, sessionSecret, nodeEnv, message) => {
    const resolving = resolveSessionSecret({ sessionSecret, dataDir, nodeEnv });

    await expect(resolving).rejects.toThrow(ConfigError);
    await expect(resolveSessionSecret({ sessionSecret, dataDir, nodeEnv })).rejects.toThrow(
      message,
    );
  });
});
