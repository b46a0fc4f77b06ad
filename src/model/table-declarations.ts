/**
 * How schema files declare tables, said once for every reader of schema text: a dialect's table
 * function (`pgTable(`, `sqliteTable(`, `mysqlTable(`), or the `table` method of a database schema
 * object (`app.table(`, where `export const app = pgSchema('app')`), as teams that keep their
 * tables in a PostgreSQL schema other than public write them.
 */

/** A table-declaring call up to its parenthesis, as regex source: `pgTable(`, `app.table (`. */
export const TABLE_CALL = String.raw`(?:\w*Table|[A-Za-z_$][\w$]*\.table)\s*\(`;

const TABLE_CALLEE = /^(?:\w*Table|[A-Za-z_$][\w$]*\.table)$/;

/** Whether a call's callee text (`pgTable`, `app.table`) declares a table. */
export function isTableCallee(callee: string): boolean {
  return TABLE_CALLEE.test(callee);
}

/** The schema object of a `app.table` callee (`app`); undefined for a table function. */
export function schemaObjectOf(callee: string): string | undefined {
  return /^([A-Za-z_$][\w$]*)\.table$/.exec(callee)?.[1];
}
