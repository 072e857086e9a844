import { count, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db";

/**
 * Counts the rows of `table` that `where` selects, stopping after `cap` + 1: past the cap an exact
 * number costs a visit to every match (a common term, a province-wide ledger) and changes nothing a
 * user does, so the list says "超过 cap 条" (`totalCapped`).
 *
 * `walk`, a column of an index the WHERE clause ranges over, makes the count read the matches in
 * that index's order. Without it PostgreSQL may count by a sequential scan that stops at the cap,
 * and a large table's sequential scans start wherever the last one left off (synchronized scans):
 * when the scope's rows lie together in the heap, one count finds its matches at once and the next
 * reads most of the table first (seen at 0.5 s on a city's ledger).
 */
export const cappedCountQuery = (db: DbOrTx, table: PgTable, where: SQL | undefined, cap: number, walk?: PgColumn) => {
  const matches = db.select({ one: sql`1` }).from(table).where(where).$dynamic();
  return db.select({ total: count() }).from((walk ? matches.orderBy(walk) : matches).limit(cap + 1).as("matches"));
};

/** A capped count as the list answers it: the number, and whether it stopped at the cap. */
export const cappedTotal = (counted: number, cap: number) => (counted > cap ? { total: cap, totalCapped: true } : { total: counted, totalCapped: false });
