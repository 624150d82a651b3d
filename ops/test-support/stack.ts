/**
 * The production stack on loopback for a test: the real Supervisor program
 * file running two sync server instances, and nginx with the real site
 * file, both rewritten only where a test must differ (ports, folders,
 * certificate, no user switch). Every rewrite must hit, or the test fails:
 * a changed site file cannot slip past unnoticed.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { openDatabase } from "../../sync-server/src/db/open-database.js";
import { seedDatabase } from "../../sync-server/src/seed/seed.js";
import { OPS_DIR, REPO_DIR } from "./run-script.js";

export const SITE_NAME = "caisse.ocpizza.fr";

export interface Stack {
  dir: string;
  databaseUrl: string;
  adminToken: string;
  httpPort: number;
  httpsPort: number;
  instancePorts: number[];
  certificate: string;
  supervisorctl(...args: string[]): string;
  /** The site file nginx runs now, as rewritten for the test. */
  site(): string;
  /** Replaces the site file and reloads nginx (a control with a setting changed). */
  reloadSite(site: string): Promise<void>;
  stop(): Promise<void>;
}

/** Replaces `from` with `to`, failing when `from` is not in the text. */
export function rewrite(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === "string" ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`the file no longer contains ${String(from)}: update the test`);
  return typeof from === "string" ? text.split(from).join(to) : text.replace(from, to);
}

export async function startStack(dir: string, databaseUrl: string): Promise<Stack> {
  const adminToken = randomBytes(24).toString("hex");
  const base = 2000 + Math.floor(Math.random() * 900);
  const instancePorts = [base * 10 + 1, base * 10 + 2];
  const httpPort = 30_000 + Math.floor(Math.random() * 5000);
  const httpsPort = httpPort + 5000;

  // Migrated and seeded once, before the instances start (as install.sh does).
  const { pool } = await openDatabase(databaseUrl, { size: 1 });
  await seedDatabase(pool);
  await pool.end();

  const certificate = makeCertificate(dir);
  writeDist(join(dir, "dist"));
  mkdirSync(join(dir, "acme", ".well-known", "acme-challenge"), { recursive: true });
  mkdirSync(join(dir, "data"));

  writeFileSync(
    join(dir, "ocpizza.env"),
    [
      `DATABASE_URL=${databaseUrl}`,
      `ADMIN_TOKEN=${adminToken}`,
      `DATA_DIR=${join(dir, "data")}`,
      "HOST=127.0.0.1",
      "LOG_LEVEL=warn",
      "SEED=false",
      "TRUST_PROXY=true",
      // Low, so a test can reach it: sign-ins refused per client address.
      "LOGIN_MAX_PER_ADDRESS=3",
      "PORT=1",
    ].join("\n") + "\n",
  );
  const supervisor = startSupervisor(dir, base);
  const nginx = startNginx(dir, { httpPort, httpsPort, instancePorts });

  const stack: Stack = {
    dir,
    databaseUrl,
    adminToken,
    httpPort,
    httpsPort,
    instancePorts,
    certificate,
    supervisorctl: (...args) =>
      execFileSync("supervisorctl", ["-c", join(dir, "supervisord.conf"), ...args]).toString(),
    site: () => readFileSync(join(dir, "site.conf"), "utf8"),
    async reloadSite(site) {
      writeFileSync(join(dir, "site.conf"), site);
      execFileSync("nginx", [...nginxArgs(dir), "-s", "reload"], { stdio: "ignore" });
      // Old workers finish their requests; new ones take the new settings.
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
    async stop() {
      await stopChild(nginx, "SIGQUIT");
      await stopChild(supervisor, "SIGTERM");
    },
  };
  try {
    for (const port of instancePorts) await waitUntilReady(port);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

export async function waitUntilReady(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
    if (ready?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the instance on port ${port} is not ready after ${timeoutMs} ms`);
}

function startSupervisor(dir: string, portPrefix: number): ChildProcess {
  let program = readFileSync(join(OPS_DIR, "supervisor", "ocpizza.conf"), "utf8");
  program = rewrite(program, "command=/srv/ocpizza/current/", `command=${REPO_DIR}/`);
  program = rewrite(program, "directory=/srv/ocpizza/current", `directory=${REPO_DIR}`);
  program = rewrite(program, /^user=ocpizza\n/m, "");
  program = rewrite(program, "numprocs=3", "numprocs=2");
  program = rewrite(program, "/etc/ocpizza/ocpizza.env", join(dir, "ocpizza.env"));
  program = rewrite(program, "808%(process_num)d", `${portPrefix}%(process_num)d`);
  program = rewrite(program, 'HOME="/var/lib/ocpizza"', `HOME="${dir}"`);
  program = rewrite(program, "/var/log/ocpizza/", `${dir}/`);
  writeFileSync(
    join(dir, "supervisord.conf"),
    [
      "[supervisord]",
      "nodaemon=true",
      `logfile=${dir}/supervisord.log`,
      `pidfile=${dir}/supervisord.pid`,
      `childlogdir=${dir}`,
      "[unix_http_server]",
      `file=${dir}/supervisor.sock`,
      "[rpcinterface:supervisor]",
      "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
      "[supervisorctl]",
      `serverurl=unix://${dir}/supervisor.sock`,
      program,
    ].join("\n"),
  );
  return spawn("supervisord", ["-c", join(dir, "supervisord.conf")], { stdio: "ignore" });
}

function startNginx(
  dir: string,
  ports: { httpPort: number; httpsPort: number; instancePorts: number[] },
): ChildProcess {
  let site = readFileSync(join(OPS_DIR, "nginx", "ocpizza.conf"), "utf8");
  site = rewrite(site, /^\s*listen \[::\]:80;\n/m, "");
  site = rewrite(site, /^\s*listen \[::\]:443 ssl http2;\n/m, "");
  site = rewrite(site, "listen 80;", `listen 127.0.0.1:${ports.httpPort};`);
  site = rewrite(site, "listen 443 ssl http2;", `listen 127.0.0.1:${ports.httpsPort} ssl http2;`);
  site = rewrite(site, `/etc/letsencrypt/live/${SITE_NAME}/`, `${dir}/tls/`);
  site = rewrite(site, "/srv/ocpizza/current/pwa/dist", `${dir}/dist`);
  site = rewrite(site, "/var/www/letsencrypt", `${dir}/acme`);
  site = rewrite(site, "snippets/ocpizza-headers.conf", `${dir}/ocpizza-headers.conf`);
  site = rewrite(
    site,
    /(\s*server 127\.0\.0\.1:808\d [^\n]*\n)+/,
    "\n" +
      ports.instancePorts
        .map((port) => `    server 127.0.0.1:${port} max_fails=3 fail_timeout=10s;\n`)
        .join(""),
  );
  copyFileSync(join(OPS_DIR, "nginx", "ocpizza-headers.conf"), join(dir, "ocpizza-headers.conf"));
  writeFileSync(join(dir, "site.conf"), site);

  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `  ${kind}_temp_path ${dir}/${kind}_temp;`)
    .join("\n");
  writeFileSync(
    join(dir, "nginx.conf"),
    [
      "daemon off;",
      // As root, workers would otherwise run as nobody and not read this private folder.
      process.getuid?.() === 0 ? "user root;" : "",
      "worker_processes 1;",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/nginx-error.log warn;`,
      "events { worker_connections 256; }",
      "http {",
      "  include /etc/nginx/mime.types;",
      "  default_type application/octet-stream;",
      `  access_log ${dir}/nginx-access.log;`,
      temp,
      `  include ${dir}/site.conf;`,
      "}",
    ].join("\n"),
  );
  // A configuration error stops the test here, with nginx's own message.
  execFileSync("nginx", ["-t", ...nginxArgs(dir)], { stdio: ["ignore", "pipe", "pipe"] });
  return spawn("nginx", nginxArgs(dir), { stdio: "ignore" });
}

function nginxArgs(dir: string): string[] {
  return ["-p", dir, "-e", `${dir}/nginx-error.log`, "-c", `${dir}/nginx.conf`];
}

/** A self-signed certificate for the site name and 127.0.0.1; returns the PEM. */
function makeCertificate(dir: string): string {
  mkdirSync(join(dir, "tls"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${SITE_NAME}`,
      "-addext",
      `subjectAltName=DNS:${SITE_NAME},IP:127.0.0.1`,
      "-keyout",
      join(dir, "tls", "privkey.pem"),
      "-out",
      join(dir, "tls", "fullchain.pem"),
    ],
    { stdio: "ignore" },
  );
  return readFileSync(join(dir, "tls", "fullchain.pem"), "utf8");
}

/** A built app as vite lays it out: the page, the worker, the manifest, a hashed asset. */
function writeDist(dist: string): void {
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>OC Pizza</title><div id=root>");
  writeFileSync(join(dist, "sw.js"), "self.addEventListener('install', () => {});\n");
  writeFileSync(join(dist, "manifest.webmanifest"), JSON.stringify({ name: "OC Pizza" }));
  writeFileSync(join(dist, "assets", HASHED_ASSET), ASSET_TEXT);
}

export const HASHED_ASSET = "index-Bq3x9KdZ.js";
export const ASSET_TEXT = "export const menu = [];\n".repeat(400);

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
