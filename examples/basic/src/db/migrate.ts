/**
 * `db:migrate`: applies the migrations drizzle-kit wrote to drizzle/.
 */
import { describeDatabase, migrateDatabase } from "./connection";
import { runScript } from "./run-script";

runScript("db:migrate", async () => {
  console.log(`→ migrating ${describeDatabase()} from drizzle/`);
  await migrateDatabase();
  console.log("✓ database is up to date");
});
