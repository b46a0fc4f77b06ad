/**
 * `db:reset`: deletes every row of the layer's tables and keeps the schema and the
 * migration history. Refused when NODE_ENV=production.
 */
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import {
  closeDatabaseConnection,
  describeDatabase,
  getDatabase,
  schema,
} from "./connection";
import { refuseInProduction, runScript } from "./run-script";

runScript("db:reset", closeDatabaseConnection, async () => {
  refuseInProduction("db:reset");
  const tables = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableConfig(table))
    .map(({ schema: pgSchema, name }) =>
      pgSchema ? `${quote(pgSchema)}.${quote(name)}` : quote(name),
    );
  if (tables.length === 0) {
    console.log("nothing to reset: the schema has no tables yet");
    return;
  }
  await getDatabase().execute(
    sql.raw(`truncate table ${tables.join(", ")} restart identity cascade`),
  );
  console.log(
    `✓ emptied ${tables.length} table(s) in ${describeDatabase()}; schema and migrations kept`,
  );
});

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
