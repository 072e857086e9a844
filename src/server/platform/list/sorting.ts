import { asc, desc, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { SortOrder } from "../../../contracts/common";

type Expression = SQL | AnyPgColumn;

/**
 * One sortable key of a list: the expressions it orders by in the requested direction, then the
 * ones that break its ties in ascending order whatever the direction (names A–Z within a grade),
 * and the values of both in a row (for keyset pages).
 */
export interface SortColumn<Row> {
  by: Expression[];
  thenAscending?: Expression[];
  valuesOf: (row: Row) => unknown[];
}

/**
 * How a list sorts: each sortable key (the contract's whitelist) maps to what it orders by; the
 * row's id always ends the order, so equal values never shuffle between pages.
 */
export interface SortSpec<Key extends string, Row> {
  columns: Record<Key, SortColumn<Row>>;
  defaultKey: Key;
  /** The order a key takes when the request names none (dates newest first, say). */
  defaultOrder?: Partial<Record<Key, SortOrder>>;
  tiebreak: { column: AnyPgColumn; valueOf: (row: Row) => unknown };
}

export interface SortTerm {
  expression: Expression;
  order: SortOrder;
}

export interface ResolvedSort<Row> {
  terms: SortTerm[];
  /** The values of the terms' expressions in a row: where the next keyset page starts. */
  keyOf: (row: Row) => unknown[];
}

/** The terms of a request's sort, from the whitelist only. */
export function resolveSort<Key extends string, Row>(spec: SortSpec<Key, Row>, request: { sort?: Key; order?: SortOrder }): ResolvedSort<Row> {
  const key = request.sort ?? spec.defaultKey;
  const column = spec.columns[key];
  const order = request.order ?? spec.defaultOrder?.[key] ?? "asc";
  return {
    terms: [
      ...column.by.map((expression) => ({ expression, order })),
      ...(column.thenAscending ?? []).map((expression) => ({ expression, order: "asc" as const })),
      // The id runs the requested way: a list sorted by time alone (the audit trail) is sorted by it.
      { expression: spec.tiebreak.column, order },
    ],
    keyOf: (row) => [...column.valuesOf(row), spec.tiebreak.valueOf(row)],
  };
}

export const orderByOf = (sort: Pick<ResolvedSort<unknown>, "terms">): SQL[] =>
  sort.terms.map((t) => (t.order === "asc" ? asc(t.expression) : desc(t.expression)));

const beyond = (term: SortTerm, value: unknown) => (term.order === "asc" ? sql`${term.expression} > ${value}` : sql`${term.expression} < ${value}`);

/**
 * Rows after `key` in the sort (keyset pagination). When every term runs one way this is a row
 * comparison, which one index range scan serves; mixed directions need the expanded form.
 */
export function afterKey(sort: Pick<ResolvedSort<unknown>, "terms">, key: unknown[]): SQL {
  const { terms } = sort;
  if (terms.every((term) => term.order === terms[0]?.order)) {
    const left = sql.join(
      terms.map((t) => sql`${t.expression}`),
      sql`, `,
    );
    const right = sql.join(
      key.map((value) => sql`${value}`),
      sql`, `,
    );
    return terms[0]?.order === "desc" ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
  }
  // (a, b, c) after (x, y, z): a beyond x, or a = x and b beyond y, or a = x, b = y and c beyond z.
  const alternatives = terms.map((term, index) =>
    sql.join([...terms.slice(0, index).map((earlier, i) => sql`${earlier.expression} = ${key[i]}`), beyond(term, key[index])], sql` and `),
  );
  return sql`(${sql.join(
    alternatives.map((alternative) => sql`(${alternative})`),
    sql` or `,
  )})`;
}

/**
 * Walks a whole filtered list in its sort order, `batchSize` rows at a time, for exports: each
 * batch starts after the last row of the previous one (keyset), so deep batches cost what the first
 * does. The next batch is read while the caller handles this one (writes it into a workbook), so
 * the database and the writing work side by side; two batches at most are held.
 */
export async function* keysetBatches<Row>(sort: ResolvedSort<Row>, fetchBatch: (after: SQL | undefined, limit: number) => Promise<Row[]>, batchSize = 2000) {
  let next = fetchBatch(undefined, batchSize);
  try {
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      const more = rows.length === batchSize;
      if (more) next = fetchBatch(afterKey(sort, sort.keyOf(rows[rows.length - 1] as Row)), batchSize);
      yield rows;
      if (!more) return;
    }
  } finally {
    // A walk stopped early (the download went away) leaves a read in flight: its outcome no longer matters.
    next.catch(() => {});
  }
}

/** `LIKE` pattern for a substring, with the user's own % and _ taken literally. */
export const substringPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The `after` of a keyset page: the sort it was made for and the last row's key, opaque to the
 * client. It names its sort, so a cursor from one order is refused in another.
 */
export const encodeCursor = (sortName: string, key: unknown[]) => Buffer.from(JSON.stringify([sortName, ...key])).toString("base64url");

/**
 * The key a cursor carries, if it was made for `sortName` and every value passes `valid` (by
 * position); undefined otherwise. Cursors come back from clients: they are checked, not trusted.
 */
export function decodeCursor(cursor: string, sortName: string, valid: ((value: unknown) => boolean)[]): unknown[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== sortName || parsed.length !== valid.length + 1) return undefined;
  const key = parsed.slice(1);
  return key.every((value, index) => valid[index]?.(value)) ? key : undefined;
}
