/**
 * Tests of where the archive signing key comes from.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ConfigError } from "../config.js";
import { resolveSigningKey } from "./signing-key.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "ocp-signing-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("resolveSigningKey", () => {
  it("reads ARCHIVE_SIGNING_KEY as a base64-encoded PKCS#8 PEM", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

    const source = await resolveSigningKey({
      archiveSigningKey: Buffer.from(pem).toString("base64"),
      dataDir,
      nodeEnv: "production",
    });

    expect(source.filePath).toBeNull();
    expect(source.privateKey.export({ type: "pkcs8", format: "pem" })).toBe(pem);
  });

  it("outside production generates a key once, private (mode 600) with its public key beside it", async () => {
    const first = await resolveSigningKey({
      archiveSigningKey: null,
      dataDir,
      nodeEnv: "development",
    });
    const second = await resolveSigningKey({
      archiveSigningKey: null,
      dataDir,
      nodeEnv: "development",
    });

    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect((await stat(first.filePath!)).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dataDir, "archive-signing-key.pub.pem"), "utf8")).toBe(
      first.publicKeyPem,
    );
  });

  it.each([
    ["is missing in production", null, /required in production/],
    [
      "is not a key",
      Buffer.from("not a key at all, not even close to one").toString("base64"),
      /not a PKCS#8/,
    ],
  ])("refuses to start when the key %s", async (_, archiveSigningKey, message) => {
    const loading = resolveSigningKey({ archiveSigningKey, dataDir, nodeEnv: "production" });

    await expect(loading).rejects.toThrow(ConfigError);
    await expect(loading).rejects.toThrow(message);
  });
});
