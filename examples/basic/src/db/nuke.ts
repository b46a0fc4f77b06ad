/**
 * `db:nuke`: drops the public schema (every table, enum and row) and the migration
 * history, for a fresh start with `db:migrate`. Refused when NODE_ENV=production
 * and for database URLs that look like production.
 */
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getDatabaseConfig } from "./config";
import {
  closeDatabaseConnection,
  describeDatabase,
  getDatabase,
  migrationsConfig,
  schema,
} from "./connection";
import {
  refuseInProduction,
  refuseProductionLookingDatabase,
  runScript,
} from "./run-script";

runScript("db:nuke", closeDatabaseConnection, async () => {
  refuseInProduction("db:nuke");
  refuseProductionLookingDatabase("db:nuke", getDatabaseConfig());
  const tableSchemas = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .flatMap((table) => getTableConfig(table).schema ?? []);
  const dropped = [
    ...new Set(["public", migrationsConfig.migrationsSchema, ...tableSchemas]),
  ];
  const db = getDatabase();
  for (const name of dropped) {
    await db.execute(
      sql.raw(`drop schema if exists "${name.replaceAll('"', '""')}" cascade`),
    );
  }
  await db.execute(sql`create schema public`);
  console.log(
    `✓ dropped ${dropped.join(", ")} in ${describeDatabase()}; run db:migrate to rebuild`,
  );
});
