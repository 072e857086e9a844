import { type SQL, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "../../db/schema";

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; services take it so reads, writes and the audit record share one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * `column = any($1)` with the ids as ONE array parameter: a province-wide list (a draw, a campaign's
 * institutions) names more ids than a statement may have parameters.
 */
export const anyOf = (column: AnyPgColumn, ids: string[]): SQL => sql`${column} = any(${sql.param(ids)}::uuid[])`;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export function connectDatabase(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // Requests run many short queries side by side (a page and its count) on a few cores: parallel
    // workers and JIT compilation cost more than they save there (the province-scale benchmark).
    options: "-c max_parallel_workers_per_gather=0 -c jit=off",
  });
  // An idle connection dropped by the server (restart, admin command) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", (error) => console.error(`数据库连接中断（${error.message}），下次使用时重新连接`));
  const db = drizzle(pool, { schema });
  return { pool, db, close: () => pool.end() };
}

/** The pool under a Drizzle handle, for a library that speaks plain SQL (pg-boss) over the app's connections. */
export const poolOf = (db: Db): pg.Pool => (db as Db & { $client: pg.Pool }).$client;

/** PostgreSQL's SQLSTATEs the app answers in its own words. */
export const SQLSTATE = {
  uniqueViolation: "23505",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  deadlockDetected: "40P01",
} as const;

/** The SQLSTATE of a failed statement: drizzle keeps the driver's error as its cause, pg-boss and the pool throw it as it is. */
export const sqlStateOf = (error: unknown): string | undefined =>
  (error as { cause?: { code?: string } } | undefined)?.cause?.code ?? (error as { code?: string } | undefined)?.code;
