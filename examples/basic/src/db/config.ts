/**
 * Database configuration: the only module of the layer that reads process.env.
 * A missing or malformed variable is an error naming it, never an undefined passed to a driver.
 */
import { existsSync } from "node:fs";

type Env = Record<string, string | undefined>;

export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

/** A PostgreSQL server, from DATABASE_URL or the DB_* variables. */
export interface ServerConfig {
  kind: "server";
  url: string;
  poolSize: number;
  idleTimeoutSeconds: number;
  connectTimeoutSeconds: number;
  ssl: boolean;
}

/** In-process PostgreSQL (PGlite) keeping its data in a local, git-ignored folder. */
export interface EmbeddedConfig {
  kind: "embedded";
  dataDir: string;
}

export type DatabaseConfig = ServerConfig | EmbeddedConfig;

/**
 * The server named by DATABASE_URL (or DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME) when one
 * is set; otherwise the embedded PGlite database in PGLITE_DIR (default .pglite/main).
 */
export function getDatabaseConfig(env: Env = process.env): DatabaseConfig {
  return (
    findServerConfig(env) ?? {
      kind: "embedded",
      dataDir: value(env, "PGLITE_DIR") ?? ".pglite/main",
    }
  );
}

export function isProduction(env: Env = process.env): boolean {
  return env.NODE_ENV === "production";
}

/** Loads .env when present (Node's own parser); variables already in the environment win. */
export function loadEnvFile(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

function findServerConfig(env: Env): ServerConfig | undefined {
  const url = findServerUrl(env);
  return url === undefined
    ? undefined
    : serverConfig(env, url, boolean(env, "DB_SSL", false));
}

/** Pool settings (DB_POOL_SIZE, DB_IDLE_TIMEOUT, DB_CONNECT_TIMEOUT) apply to every database of the layer. */
function serverConfig(env: Env, url: string, ssl: boolean): ServerConfig {
  return {
    kind: "server",
    url,
    poolSize: integer(env, "DB_POOL_SIZE", 10, 1, 1000),
    idleTimeoutSeconds: integer(env, "DB_IDLE_TIMEOUT", 20, 0, 86_400),
    connectTimeoutSeconds: integer(env, "DB_CONNECT_TIMEOUT", 10, 1, 3_600),
    ssl,
  };
}

function findServerUrl(env: Env): string | undefined {
  const url = value(env, "DATABASE_URL");
  if (url !== undefined) return checkUrl(url, "DATABASE_URL");
  const host = value(env, "DB_HOST");
  if (host === undefined) return undefined;
  const user = required(env, "DB_USER", "DB_HOST is set");
  const name = required(env, "DB_NAME", "DB_HOST is set");
  const port = integer(env, "DB_PORT", 5432, 1, 65_535);
  const password = value(env, "DB_PASSWORD");
  const credentials =
    encodeURIComponent(user) +
    (password === undefined ? "" : `:${encodeURIComponent(password)}`);
  const hostname = host.includes(":") ? `[${host}]` : host;
  return `postgresql://${credentials}@${hostname}:${port}/${encodeURIComponent(name)}`;
}

function checkUrl(url: string, name: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new DatabaseConfigError(
      `${name} is not a valid URL: expected postgresql://user:password@host:5432/database`,
    );
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new DatabaseConfigError(
      `${name} must start with postgresql:// (got ${protocol}//)`,
    );
  }
  return url;
}

function required(env: Env, name: string, reason: string): string {
  const found = value(env, name);
  if (found === undefined)
    throw new DatabaseConfigError(
      `${name} is not set (${reason}): set it, see .env.example`,
    );
  return found;
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw new DatabaseConfigError(
      `${name} must be a whole number from ${min} to ${max} (got "${raw}")`,
    );
  }
  return parsed;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new DatabaseConfigError(`${name} must be true or false (got "${raw}")`);
}

/** Empty variables count as unset: `DB_HOST=` in .env should not mean "connect to ''". */
function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === "" ? undefined : raw;
}
