/** Reads `--name value` and `--flag` command-line options, refusing unknown ones. */

export function parseArgs(
  argv: readonly string[],
  spec: Record<string, "string" | "boolean">,
): Record<string, string | boolean | undefined> {
  const result: Record<string, string | boolean | undefined> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const name = arg.startsWith("--") ? arg.slice(2).split("=")[0] : undefined;
    if (!name || !(name in spec)) throw new UsageError(`unknown option "${arg}"`);
    if (spec[name] === "boolean") {
      result[name] = true;
      continue;
    }
    const inline = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : undefined;
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--"))
      throw new UsageError(`--${name} needs a value`);
    result[name] = value;
  }
  return result;
}

export class UsageError extends Error {}

/**
 * A failure in one line a person can act on: the error's first line and the
 * cause beneath it ("Failed query: select ..." alone hides "Unknown database").
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const first = error.message.split("\n")[0];
  const cause = error.cause instanceof Error ? error.cause.message.split("\n")[0] : "";
  return cause && !first.includes(cause) ? `${cause} (${first})` : first;
}
