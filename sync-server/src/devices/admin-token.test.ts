/**
 * Tests of where the admin token comes from (env, generated file, production).
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { resolveAdminToken } from "./admin-token.js";

let dataDir: string;

beforeAll(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), "ocp-data-")), "nested");
});
afterAll(() => rm(join(dataDir, ".."), { recursive: true, force: true }));

describe("resolveAdminToken", () => {
  it("creates a random token once in DATA_DIR/admin-token, readable by its owner only", async () => {
    const first = await resolveAdminToken({ adminToken: null, dataDir, nodeEnv: "development" });
    const second = await resolveAdminToken({ adminToken: null, dataDir, nodeEnv: "development" });

    expect(first.filePath).toBe(join(dataDir, "admin-token"));
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).toBe(first.token);
    expect((await readFile(first.filePath!, "utf8")).trim()).toBe(first.token);
    expect((await stat(first.filePath!)).mode & 0o777).toBe(0o600);
  });

  it("prefers ADMIN_TOKEN and generates nothing in production", async () => {
    const given = "a-token-of-thirty-two-characters";

    expect(await resolveAdminToken({ adminToken: given, dataDir, nodeEnv: "production" })).toEqual({
      token: given,
      filePath: null,
    });
    expect(
      await resolveAdminToken({ adminToken: null, dataDir: "/nonexistent", nodeEnv: "production" }),
    ).toEqual({
      token: null,
      filePath: null,
    });
  });
});
