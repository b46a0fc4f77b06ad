/**
 * `db:seed`: checks the connection, then runs every registered seed in order.
 * Seeds are idempotent: running this twice leaves the same rows as running it once.
 */
import { sql } from "drizzle-orm";
import {
  closeDatabaseConnection,
  describeDatabase,
  getDatabase,
  type Database,
} from "./connection";
import { runScript } from "./run-script";

interface Seed {
  table: string;
  run(db: Database): Promise<void>;
}

/**
 * Registered seeds, parents before children: a table's seed runs after the seeds of the tables it
 * references. `create-db-layer seed <table>` adds entries here.
 */
const seeds: Seed[] = [];

runScript("db:seed", closeDatabaseConnection, async () => {
  const db = getDatabase();
  await db.execute(sql`select 1`);
  console.log(`✓ connected to ${describeDatabase()}`);
  for (const seed of seeds) {
    await seed.run(db);
    console.log(`✓ seeded ${seed.table}`);
  }
  console.log(
    seeds.length === 0
      ? "no seeds registered yet: add one with `create-db-layer seed <table>`"
      : `✓ ${seeds.length} seed(s) applied`,
  );
});
