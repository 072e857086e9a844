import { sql } from "drizzle-orm";
import { documentSerial } from "../../db/schema";
import type { Tx } from "./db";

/** Kinds of numbered document, each with its own sequence per authority and year. */
export type SerialKind = "hazard" | "notice" | "listing";

/**
 * The next serial of an authority's documents of a kind in a year, taken in the caller's
 * transaction. The upsert locks the counter row until that transaction ends, so concurrent
 * issuers queue on it: each gets the next number once, and one that rolls back gives its number
 * back to the next — no gaps and no duplicates among the documents that exist.
 */
export async function nextSerial(tx: Tx, authorityCode: string, kind: SerialKind, year: number): Promise<number> {
  return nextSerials(tx, authorityCode, kind, year, 1);
}

/** The first of `count` consecutive serials, taken at once (an import numbers its rows in file order). */
export async function nextSerials(tx: Tx, authorityCode: string, kind: SerialKind, year: number, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`serials are taken one or more at a time, not ${count}`);
  const [row] = await tx
    .insert(documentSerial)
    .values({ authorityCode, kind, year, last: count })
    .onConflictDoUpdate({
      target: [documentSerial.authorityCode, documentSerial.kind, documentSerial.year],
      set: { last: sql`${documentSerial.last} + ${count}` },
    })
    .returning({ last: documentSerial.last });
  if (!row) throw new Error("the serial upsert returned no row");
  return row.last - count + 1;
}
