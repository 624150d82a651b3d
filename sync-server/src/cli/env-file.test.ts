import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { defaultServer, readEnvFile } from "./env-file.js";

describe("the tools' .env file", () => {
  it("adds the file's settings without overriding the shell's", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ocp-env-")), ".env");
    writeFileSync(
      file,
      "# mine\nDATABASE_URL=mysql://root@127.0.0.1:3306/ocp_mine\nPORT=18080\nDATA_DIR=.data\n",
    );
    const env: NodeJS.ProcessEnv = { DATA_DIR: "/elsewhere" };
    readEnvFile(file, env);
    expect(env).toEqual({
      DATABASE_URL: "mysql://root@127.0.0.1:3306/ocp_mine",
      PORT: "18080",
      DATA_DIR: "/elsewhere",
    });
    expect(defaultServer(env)).toBe("http://127.0.0.1:18080");
  });

  it("changes nothing without a file, and talks to port 8080 without PORT", () => {
    const env: NodeJS.ProcessEnv = {};
    readEnvFile(join(tmpdir(), "no-such-folder-ocp", ".env"), env);
    expect(env).toEqual({});
    expect(defaultServer(env)).toBe("http://127.0.0.1:8080");
  });
});
