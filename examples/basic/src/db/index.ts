/**
 * The database layer's entry point. `db.main` opens the connection on first use;
 * nothing connects at import time.
 */
import { getDatabase } from "./connection";

export const db = {
  get main() {
    return getDatabase();
  },
};

export {
  closeDatabaseConnection,
  getDatabase,
  schema,
  type Database,
} from "./connection";
export * from "./schema";
export { and, asc, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
