import { count, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db";

/**
 * Counts the rows of `table` that `where` selects, stopping after `cap` + 1: past the cap an exact
 * number costs a visit to every match (a common term, a province-wide ledger) and changes nothing a
 * user does, so the list says "超过 cap 条" (`totalCapped`).
 */
export const cappedCountQuery = (db: DbOrTx, table: PgTable, where: SQL | undefined, cap: number) =>
  db.select({ total: count() }).from(
    db
      .select({ one: sql`1` })
      .from(table)
      .where(where)
      .limit(cap + 1)
      .as("matches"),
  );

/** A capped count as the list answers it: the number, and whether it stopped at the cap. */
export const cappedTotal = (counted: number, cap: number) => (counted > cap ? { total: cap, totalCapped: true } : { total: counted, totalCapped: false });
