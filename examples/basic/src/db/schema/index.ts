/**
 * Schema barrel: one `export * from './<table>'` per table file. `create-db-layer table` keeps it
 * sorted; drizzle-kit and the connection read the schema from here.
 */
export {};
