import { count, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db";

/** Which rows of a numbered page to read. */
export interface PageWindow {
  limit: number;
  offset: number;
}

/**
 * One numbered page (page, pageSize) of a list short enough to page by OFFSET (the hazard ledger
 * pages by keyset instead): the rows `readRows` reads in the window, and how many rows of `table`
 * the filter matches, asked together.
 */
export async function numberedPage<Row>(
  db: DbOrTx,
  request: { page: number; pageSize: number },
  counted: { table: PgTable; where: SQL | undefined },
  readRows: (window: PageWindow) => Promise<Row[]>,
) {
  const [items, [matched]] = await Promise.all([
    readRows({ limit: request.pageSize, offset: (request.page - 1) * request.pageSize }),
    db.select({ total: count() }).from(counted.table).where(counted.where),
  ]);
  return { items, total: matched?.total ?? 0, page: request.page, pageSize: request.pageSize };
}
