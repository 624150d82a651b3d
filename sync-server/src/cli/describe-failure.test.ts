import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "./api-client.js";
import { describeFailure } from "./args.js";

describe("a tool's failure message", () => {
  it("names the cause under a failed query", () => {
    const error = new Error("Failed query: select `id` from `registers`\nparams: ", {
      cause: new Error("Unknown database 'ocp_gone'"),
    });
    expect(describeFailure(error)).toBe(
      "Unknown database 'ocp_gone' (Failed query: select `id` from `registers`)",
    );
    expect(describeFailure(new Error("plain\nmore"))).toBe("plain");
    expect(describeFailure("text")).toBe("text");
  });

  it("journal:verify says which database is missing", () => {
    const run = spawnSync(
      join(REPO_ROOT, "node_modules", ".bin", "tsx"),
      [join(REPO_ROOT, "sync-server", "src", "cli", "journal-verify.ts")],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "mysql://root@127.0.0.1:3306/ocp_no_such_database_t" },
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("ocp_no_such_database_t");
  }, 60_000);
});
