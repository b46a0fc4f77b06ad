/**
 * Shared wrapper of every database's scripts (db:*, and <name>-db:* for the others): loads .env,
 * runs the task, always closes the connection, prints failures as one line and exits non-zero on them.
 */
import { type DatabaseConfig, isProduction, loadEnvFile } from "./config";

/** A refusal: the script stops before connecting, so nothing is touched. */
export class ScriptRefused extends Error {
  override name = "ScriptRefused";
}

/** Runs `task` as the script `name`, then closes the connection it opened with `close`. */
export function runScript(
  name: string,
  close: () => Promise<void>,
  task: () => Promise<void>,
): void {
  loadEnvFile();
  task()
    .catch((error: unknown) => {
      const verb = error instanceof ScriptRefused ? "refused" : "failed";
      console.error(`✗ ${name} ${verb}: ${describeError(error)}`);
      process.exitCode = 1;
    })
    .finally(close);
}

/** Destructive scripts never run with NODE_ENV=production. */
export function refuseInProduction(name: string): void {
  if (isProduction()) {
    throw new ScriptRefused(
      `NODE_ENV is production; ${name} only runs against development and test databases`,
    );
  }
}

/** Words in a database URL that suggest a production server. */
const PRODUCTION_HINTS = ["prod", ".com", "rds.amazonaws"];

/** db:nuke also refuses any server whose URL looks like production. */
export function refuseProductionLookingDatabase(
  name: string,
  config: DatabaseConfig,
): void {
  if (config.kind !== "server") return;
  const hint = PRODUCTION_HINTS.find((word) =>
    config.url.toLowerCase().includes(word),
  );
  if (hint) {
    throw new ScriptRefused(
      `the database URL contains "${hint}" and looks like production; ${name} only runs against local databases`,
    );
  }
}

/** One line: drizzle wraps driver errors as "Failed query: <sql>\nparams: ..." with the driver's error as the cause, and the cause is what to act on. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const firstLine = (text: string) => text.split("\n")[0]!.trim();
  const cause =
    error.cause instanceof Object && "message" in error.cause
      ? firstLine(String(error.cause.message))
      : undefined;
  if (cause && error.message.startsWith("Failed query: ")) {
    return `${cause} (while running: ${firstLine(error.message).slice("Failed query: ".length, 100)})`;
  }
  return firstLine(error.message) + (cause ? ` (${cause})` : "");
}
