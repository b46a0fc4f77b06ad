/**
 * `db:migrate`: applies the migrations drizzle-kit wrote to drizzle/.
 */
import {
  closeDatabaseConnection,
  describeDatabase,
  migrateDatabase,
} from "./connection";
import { runScript } from "./run-script";

runScript("db:migrate", closeDatabaseConnection, async () => {
  console.log(`→ migrating ${describeDatabase()} from drizzle/`);
  await migrateDatabase();
  console.log("✓ database is up to date");
});
