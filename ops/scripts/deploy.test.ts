/**
 * install.sh, update.sh and rollback.sh under a temporary root: real git
 * (releases cloned from a local repository), real folders, links and
 * files; doubles only for what cannot run here (apt-get, npm, the
 * supervisor, nginx, curl to the instances), each recording its call.
 * Also the instance launcher ops/bin/ocpizza-server in dry-run mode.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { OPS_DIR, runScript } from "../test-support/run-script.js";

let dir: string;
let root: string;
let env: Record<string, string>;
const DOMAIN = "caisse.test.ocpizza.fr";

const DOUBLES: Record<string, string> = {
  // Records every call; `run build` leaves a built app with an asset named after the release.
  npm: `
if [ "$1 $2" = "run build" ]; then
  mkdir -p pwa/dist/assets && echo page > pwa/dist/index.html
  echo code > "pwa/dist/assets/app-$(basename "$(pwd)" | cut -d- -f1).js"
fi`,
  node: `if [ "$1" = "--version" ]; then echo v20.19.2; exit 0; fi`,
  // Ready, unless the test wrote in NOT_READY_DIR/<port> how many checks must fail first.
  curl: `
for arg in "$@"; do port="$(echo "$arg" | sed -n 's#.*:\\([0-9]*\\)/health/ready#\\1#p')"
  [ -n "$port" ] || continue; marker="$NOT_READY_DIR/$port"; [ -s "$marker" ] || exit 0
  left="$(cat "$marker")"; [ "$left" -gt 0 ] || exit 0; echo $((left - 1)) > "$marker"; exit 7
done; exit 0`,
  id: "exit 1",
  "apt-get": "",
  useradd: "",
  chown: "",
  supervisorctl: "",
  systemctl: "",
  nginx: "",
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ocp-deploy-"));
  mkdirSync(join(dir, "bin"));
  for (const [name, body] of Object.entries(DOUBLES)) {
    writeFileSync(
      join(dir, "bin", name),
      `#!/bin/sh\necho "${name} $*" >> "$CALLS_LOG"\n${body}\n`,
      { mode: 0o755 },
    );
  }
  makeReleaseRepository(join(dir, "repo"));
  mkdirSync(join(dir, "not-ready"));
  root = join(dir, "root");
  const bin = (name: string) => join(dir, "bin", name);
  env = {
    OCPIZZA_ROOT: root,
    OCPIZZA_REPO: `file://${join(dir, "repo")}`,
    OCPIZZA_DOMAIN: DOMAIN,
    OCPIZZA_READY_TIMEOUT_S: "0.3",
    OCPIZZA_READY_POLL_S: "0.1",
    CALLS_LOG: join(dir, "calls.log"),
    NOT_READY_DIR: join(dir, "not-ready"),
    APT_GET: bin("apt-get"),
    USERADD: bin("useradd"),
    CHOWN: bin("chown"),
    ID: bin("id"),
    NPM: bin("npm"),
    NODE: bin("node"),
    CURL: bin("curl"),
    SUPERVISORCTL: bin("supervisorctl"),
    SYSTEMCTL: bin("systemctl"),
    NGINX: bin("nginx"),
  };
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => writeFileSync(join(dir, "calls.log"), ""));

/** A repository holding the ops folder, with releases v1, v2 and v3 tagged. */
function makeReleaseRepository(repo: string): void {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: repo,
      stdio: "ignore",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "ops test",
        GIT_AUTHOR_EMAIL: "ops@ocpizza.test",
        GIT_COMMITTER_NAME: "ops test",
        GIT_COMMITTER_EMAIL: "ops@ocpizza.test",
      },
    });
  mkdirSync(repo);
  cpSync(OPS_DIR, join(repo, "ops"), {
    recursive: true,
    filter: (path) => !path.includes("node_modules"),
  });
  git("init", "--quiet", "--initial-branch=main");
  for (const tag of ["v1", "v2", "v3"]) {
    writeFileSync(join(repo, "VERSION"), tag);
    git("add", "-A");
    git("commit", "--quiet", "-m", tag);
    git("tag", tag);
  }
}

function calls(): string[] {
  return readFileSync(join(dir, "calls.log"), "utf8").trim().split("\n").filter(Boolean);
}

function current(): string {
  return readlinkSync(join(root, "srv", "ocpizza", "current"));
}

const run = (script: string, args: string[], extra: Record<string, string> = {}) =>
  runScript(script, args, { ...env, ...extra });

describe("install.sh, update.sh, rollback.sh", () => {
  it("stops the first install after writing the settings file for a person to fill", async () => {
    const first = await run("scripts/install.sh", ["v1"]);

    expect(first.code).toBe(1);
    expect(first.stderr).toContain("fill in every secret");
    const envFile = join(root, "etc", "ocpizza", "ocpizza.env");
    expect(statSync(envFile).mode & 0o777).toBe(0o640);
    expect(calls()).toContain(
      "useradd --system --home-dir /var/lib/ocpizza --shell " + "/usr/sbin/nologin ocpizza",
    );
    expect(calls()[0]).toMatch(/^apt-get install -y -q nginx supervisor/);
  });

  it("installs, builds, migrates and seeds, then starts every instance", async () => {
    const install = await run("scripts/install.sh", ["v1"]);

    expect(install.stderr).toBe("");
    expect(install.code).toBe(0);
    expect(current()).toMatch(/releases\/v1-\d{14}$/);
    const site = readFileSync(join(root, "etc", "nginx", "sites-available", "ocpizza"), "utf8");
    expect(site).toContain(`server_name ${DOMAIN};`);
    expect(site).toContain(`/etc/letsencrypt/live/${DOMAIN}/fullchain.pem`);
    expect(readlinkSync(join(root, "etc", "nginx", "sites-enabled", "ocpizza"))).toBe(
      "../sites-available/ocpizza",
    );
    expect(existsSync(join(root, "etc", "supervisor", "conf.d", "ocpizza.conf"))).toBe(true);
    expect(
      calls().filter((call) => !/^(apt-get|id|useradd|chown|node --version)/.test(call)),
    ).toEqual([
      "npm ci --no-audit --no-fund",
      "npm run build -w pwa",
      "node --import tsx ops/scripts/migrate.ts --seed",
      "supervisorctl reread",
      "supervisorctl update",
      ...[8081, 8082, 8083].map(
        (port) => `curl -fsS --max-time 2 http://127.0.0.1:${port}/health/ready`,
      ),
      "nginx -t",
      "systemctl reload nginx",
    ]);
  });

  it("updates one instance at a time, each ready before the next, after the migrations", async () => {
    const before = current();

    const update = await run("scripts/update.sh", ["v2"]);

    expect(update.code).toBe(0);
    expect(current()).toMatch(/releases\/v2-\d{14}$/);
    expect(calls().slice(2)).toEqual([
      "node --import tsx ops/scripts/migrate.ts",
      ...[1, 2, 3].flatMap((n) => [
        `supervisorctl restart ocpizza:ocpizza-${n}`,
        `curl -fsS --max-time 2 http://127.0.0.1:${8080 + n}/health/ready`,
      ]),
    ]);
    // Counters still showing v1's page can fetch its hashed files from v2.
    expect(readdirSync(join(current(), "pwa", "dist", "assets")).sort()).toEqual([
      "app-v1.js",
      "app-v2.js",
    ]);
    expect(existsSync(before)).toBe(true);
  });

  it("undoes an update whose instance does not get ready, and says so", async () => {
    const before = current();
    // Instance 2 fails every check of the new release's wait (0.3 s, every 0.1 s), then is
    // ready again on the previous release.
    writeFileSync(join(dir, "not-ready", "8082"), "4");

    const update = await run("scripts/update.sh", ["v3"]);

    expect(update.code).toBe(1);
    expect(update.stderr).toContain("update to v3 failed and was undone");
    expect(current()).toBe(before);
    const restarts = calls().filter((call) => call.startsWith("supervisorctl restart"));
    expect(restarts).toEqual(
      ["1", "2", "1", "2", "3"].map((n) => `supervisorctl restart ocpizza:ocpizza-${n}`),
    );
    expect(
      readdirSync(join(root, "srv", "ocpizza", "releases")).some((name) => name.startsWith("v3")),
    ).toBe(false);
  });

  it("rolls back to the release before, one instance at a time", async () => {
    const rollback = await run("scripts/rollback.sh", []);

    expect(rollback.code).toBe(0);
    expect(current()).toMatch(/releases\/v1-\d{14}$/);
    expect(calls().filter((call) => call.startsWith("supervisorctl restart"))).toHaveLength(3);
  });

  it("refuses a folder that is not one of its releases", async () => {
    const rollback = await run("scripts/rollback.sh", [dir]);

    expect(rollback.code).toBe(1);
    expect(rollback.stderr).toContain("is not a release folder");
  });

  it("restarts systemd units by port when told to use systemd", async () => {
    const update = await run("scripts/update.sh", ["v2"], { OCPIZZA_SUPERVISOR: "systemd" });

    expect(update.code).toBe(0);
    expect(calls().filter((call) => call.startsWith("systemctl"))).toEqual(
      [8081, 8082, 8083].map((port) => `systemctl restart ocpizza@${port}`),
    );
  });
});

describe("ops/bin/ocpizza-server", () => {
  function launch(fileLines: string[], extra: Record<string, string> = {}) {
    const file = join(dir, `instance-${Math.random().toString(16).slice(2)}.env`);
    writeFileSync(file, fileLines.join("\n") + "\n");
    return runScript("bin/ocpizza-server", [], {
      OCPIZZA_ENV_FILE: file,
      OCPIZZA_DRY_RUN: "1",
      ...extra,
    });
  }

  it("starts without the New Relic agent when no licence key is set", async () => {
    const started = await launch(["NEW_RELIC_LICENSE_KEY=", "PORT=9999"], { OCPIZZA_PORT: "8082" });

    expect(started.code).toBe(0);
    expect(started.stdout).toContain("PORT=8082 node --import tsx sync-server/src/main.ts");
    expect(started.stdout).not.toContain("newrelic");
  });

  it("preloads the agent when the licence key is set", async () => {
    const started = await launch(["NEW_RELIC_LICENSE_KEY=0123456789abcdef"]);

    expect(started.stdout).toContain(
      "node --import newrelic/esm-loader.mjs --require newrelic --import tsx",
    );
  });

  it("reads values as text, never as shell code", async () => {
    const marker = join(dir, "should-not-exist");
    const started = await launch([
      `MAIL_FROM="OC Pizza <no-reply@ocpizza.fr>"`,
      `X=$(touch ${marker})`,
    ]);

    expect(started.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it("fails with the file's name when it cannot read it", async () => {
    const started = await runScript("bin/ocpizza-server", [], {
      OCPIZZA_ENV_FILE: join(dir, "missing.env"),
      OCPIZZA_DRY_RUN: "1",
    });

    expect(started.code).toBe(1);
    expect(started.stderr).toContain("missing.env");
  });
});

describe("ops/systemd/ocpizza@.service", () => {
  it("is a unit systemd accepts, with its restart, environment file and journal settings", () => {
    const unit = readFileSync(join(OPS_DIR, "systemd", "ocpizza@.service"), "utf8");
    const folder = mkdtempSync(join(dir, "systemd-"));
    // Only what does not exist on this machine changes: the program, the folders, the user.
    writeFileSync(
      join(folder, "ocpizza@.service"),
      unit
        .replace("ExecStart=/srv/ocpizza/current/ops/bin/ocpizza-server", "ExecStart=/bin/true")
        .replace("WorkingDirectory=/srv/ocpizza/current", `WorkingDirectory=${folder}`)
        .replace("EnvironmentFile=/etc/ocpizza/", "EnvironmentFile=-/etc/ocpizza/")
        .replace(/^(User|Group)=ocpizza$/gm, "$1=root"),
    );

    const report = execFileSync(
      "systemd-analyze",
      ["verify", join(folder, "ocpizza@8081.service")],
      { stdio: ["ignore", "pipe", "pipe"] },
    ).toString();

    expect(report).toBe("");
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/ocpizza\/ocpizza\.env$/m);
    expect(unit).toMatch(/^Environment=OCPIZZA_PORT=%i$/m);
    expect(unit).toMatch(/^StandardOutput=journal$/m);
  });
});
