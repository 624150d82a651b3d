import { defineConfig } from "vitest/config";

/**
 * One test command for the whole repo. Each package is its own project so
 * its environment and timeouts fit: the database tests give each file its
 * own MariaDB database, the browser tests drive Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "schema",
          root: "./schema",
          include: ["src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "sync-server",
          root: "./sync-server",
          include: ["src/**/*.test.ts", "bench/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "pwa",
          root: "./pwa",
          include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          root: "./e2e",
          include: ["**/*.e2e.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The operations files for real: nginx, Supervisor, mysqldump, the shell scripts.
        test: {
          name: "ops",
          root: "./ops",
          include: ["**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
