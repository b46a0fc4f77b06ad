/**
 * `db:migrate`: applies the migrations drizzle-kit wrote to drizzle/.
 */
import { existsSync } from "node:fs";
import {
  closeDatabaseConnection,
  describeDatabase,
  migrateDatabase,
  migrationsConfig,
} from "./connection";
import { runScript } from "./run-script";

runScript("db:migrate", closeDatabaseConnection, async () => {
  // Before the first table there is nothing to apply (and drizzle's migrator wants a journal).
  if (!existsSync(`${migrationsConfig.migrationsFolder}/meta/_journal.json`)) {
    console.log(
      "✓ no migrations in drizzle/ yet: nothing to apply (add a table, then db:generate)",
    );
    return;
  }
  console.log(`→ migrating ${describeDatabase()} from drizzle/`);
  await migrateDatabase();
  console.log("✓ database is up to date");
});
