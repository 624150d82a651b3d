/**
 * The production environment file example and the operators' manual stay
 * complete: every variable the server reads (config.ts) is in both, and the
 * example holds no secret value.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { OPS_DIR, REPO_DIR } from "../test-support/run-script.js";

const example = readFileSync(join(OPS_DIR, "env", "ocpizza.env.example"), "utf8");
const listed = new Map(
  [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1], match[2]]),
);

/** The keys of envSchema in config.ts, the one place the server reads its settings. */
function serverVariables(): string[] {
  const config = readFileSync(join(REPO_DIR, "sync-server", "src", "config.ts"), "utf8");
  const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(config)![1];
  return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]);
}

describe("ops/env/ocpizza.env.example", () => {
  it("lists every variable the server reads", () => {
    const variables = serverVariables();
    expect(variables.length).toBeGreaterThan(20);
    expect(variables.filter((name) => !listed.has(name))).toEqual([]);
  });

  it("is matched by the dossier d'exploitation, which explains every variable", () => {
    const manual = readFileSync(join(REPO_DIR, "docs", "operations.md"), "utf8");
    expect(serverVariables().filter((name) => !manual.includes(`\`${name}\``))).toEqual([]);
  });

  it("lists the operations variables too", () => {
    for (const name of ["MIGRATION_DATABASE_URL", "NEW_RELIC_LICENSE_KEY", "VITE_SENTRY_DSN"]) {
      expect(listed.has(name), name).toBe(true);
    }
  });

  it("lists and explains the setting the server reads outside config.ts", () => {
    // reports/unsynced-alerts.ts reads it itself, so the envSchema checks above miss it.
    const manual = readFileSync(join(REPO_DIR, "docs", "operations.md"), "utf8");
    expect(listed.get("UNSYNCED_ALERT_MINUTES")).toBe("30");
    expect(manual).toContain("`UNSYNCED_ALERT_MINUTES`");
  });

  it("leaves every secret empty and names production settings", () => {
    for (const name of [
      "ADMIN_TOKEN",
      "SESSION_SECRET",
      "ARCHIVE_SIGNING_KEY",
      "SQUARE_ACCESS_TOKEN",
      "SQUARE_WEBHOOK_SIGNATURE_KEY",
      "GOOGLE_SERVER_KEY",
      "NEW_RELIC_LICENSE_KEY",
    ]) {
      expect(listed.get(name), name).toBe("");
    }
    expect(listed.get("NODE_ENV")).toBe("production");
    expect(listed.get("TRUST_PROXY")).toBe("true");
    expect(listed.get("DATABASE_URL")).toContain(":PASSWORD@");
  });
});
