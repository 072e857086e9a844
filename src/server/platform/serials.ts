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
  const [row] = await tx
    .insert(documentSerial)
    .values({ authorityCode, kind, year, last: 1 })
    .onConflictDoUpdate({ target: [documentSerial.authorityCode, documentSerial.kind, documentSerial.year], set: { last: sql`${documentSerial.last} + 1` } })
    .returning({ last: documentSerial.last });
  if (!row) throw new Error("the serial upsert returned no row");
  return row.last;
}
