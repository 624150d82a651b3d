/**
 * Makes sure the MySQL-compatible server of DATABASE_URL answers. When it
 * does not, the URL points at this machine and MariaDB is installed, it
 * starts a private MariaDB whose data lives under .data/mariadb; otherwise
 * it says in one line what to do and exits. Never touches a remote server.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";

const DEFAULT_URL = "mysql://root@127.0.0.1:3306/pizzeria_management";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

export async function ensureDatabaseServer(root, databaseUrl = DEFAULT_URL) {
  const url = new URL(databaseUrl);
  const host = url.hostname || "127.0.0.1";
  const port = Number(url.port || 3306);
  if (await answers(host, port)) return;

  const mariadbd = ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"].find((path) => existsSync(path));
  if (!LOCAL_HOSTS.has(host) || !mariadbd || url.username !== "root" || url.password) {
    fail(
      `No MySQL server answers at ${host}:${port}. Start MySQL 8 or MariaDB there, ` +
        `or set DATABASE_URL in .env to one that runs (see .env.example).`,
    );
  }

  const dataDir = join(root, ".data", "mariadb");
  if (!existsSync(join(dataDir, "mysql"))) {
    mkdirSync(dataDir, { recursive: true });
    console.log(`> initialising a private MariaDB in ${dataDir}`);
    const init = spawnSync(
      "mariadb-install-db",
      [
        "--no-defaults",
        `--datadir=${dataDir}`,
        "--auth-root-authentication-method=normal",
        "--user=root",
      ],
      { stdio: "ignore" },
    );
    if (init.status !== 0)
      fail(`Could not initialise MariaDB in ${dataDir}: run mariadb-install-db by hand.`);
  }
  console.log(`> starting a private MariaDB on ${host}:${port} (data in ${dataDir})`);
  const child = spawn(
    mariadbd,
    [
      "--no-defaults",
      `--datadir=${dataDir}`,
      `--socket=${join(dataDir, "mariadb.sock")}`,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      "--user=root",
    ],
    { detached: true, stdio: "ignore" },
  );
  child.unref();
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (await answers(host, port)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  fail(`A private MariaDB was started but does not answer on ${host}:${port} after 30 s.`);
}

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1500 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
