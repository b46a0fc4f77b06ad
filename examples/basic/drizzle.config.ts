/**
 * drizzle-kit config of the main database: `db:generate` writes migrations to
 * drizzle/ from src/db/schema/index.ts.
 */
import { mkdirSync } from "node:fs";
import { defineConfig } from "drizzle-kit";
import { getDatabaseConfig, loadEnvFile } from "./src/db/config";

loadEnvFile();
// generate needs no database; push and studio use the server when one is configured, else PGlite.
const database = getDatabaseConfig();
// push and studio open PGlite, which does not create its data folder's parents; generate opens nothing.
if (database.kind === "embedded" && !process.argv.includes("generate"))
  mkdirSync(database.dataDir, { recursive: true });

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  migrations: { table: "__drizzle_migrations", schema: "drizzle" },
  ...(database.kind === "embedded"
    ? { driver: "pglite", dbCredentials: { url: database.dataDir } }
    : { dbCredentials: { url: database.url } }),
});
