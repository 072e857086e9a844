/**
 * The statements a use case sends, recorded as it runs, to send them again without it: the SQL side
 * of a case whose route runs many statements (a submit) or builds its query inside the use case (the
 * coverage ledger). The recording runs the use case on one connection of the bench's pool through a
 * Drizzle handle like the app's (platform/db.ts) and keeps every statement with its answer.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import * as schema from "../../src/db/schema";
import type { Db } from "../../src/server/platform/db";

export interface RecordedStatement {
  text: string;
  values: unknown[];
  rowMode?: "array";
  rows: unknown[];
}

type QueryConfig = { text: string; rowMode?: "array" } & Record<string, unknown>;

/**
 * Stands in for a pg client under Drizzle (its name holds no "Pool", so Drizzle runs a transaction
 * on it directly): passes each statement on, records it, and, when asked, turns the transaction's
 * COMMIT into a ROLLBACK so that what the use case wrote is gone when the recording ends.
 */
class RecordingClient {
  readonly statements: RecordedStatement[] = [];

  constructor(
    private readonly client: pg.PoolClient,
    private readonly rollBack: boolean,
  ) {}

  async query(config: QueryConfig | string, values: unknown[] = []) {
    const asConfig: QueryConfig = typeof config === "string" ? { text: config } : config;
    const text = this.rollBack && asConfig.text.trim().toLowerCase() === "commit" ? "rollback" : asConfig.text;
    const result = await this.client.query({ ...asConfig, text }, values);
    this.statements.push({ text, values, rowMode: asConfig.rowMode, rows: result.rows });
    return result;
  }
}

/** Runs `use` on a recording Drizzle handle (its transaction rolled back when `rollBack`) and returns the statements it sent. */
export async function recordStatements(pool: pg.Pool, use: (db: Db) => Promise<unknown>, options: { rollBack: boolean }): Promise<RecordedStatement[]> {
  const client = await pool.connect();
  try {
    const recording = new RecordingClient(client, options.rollBack);
    await use(drizzle(recording as never, { schema }) as unknown as Db);
    return recording.statements;
  } finally {
    client.release();
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Pairs the ids of a recorded answer with those of the same answer sent again (ids the database made: events, audit records). */
function pairIds(recorded: unknown, replayed: unknown, ids: Map<string, string>) {
  if (typeof recorded === "string" && typeof replayed === "string") {
    if (recorded !== replayed && /^[0-9a-f-]{36}$/.test(recorded)) ids.set(recorded, replayed);
  } else if (Array.isArray(recorded) && Array.isArray(replayed)) {
    for (const [i, one] of recorded.entries()) pairIds(one, replayed[i], ids);
  } else if (recorded && replayed && typeof recorded === "object" && typeof replayed === "object") {
    for (const [key, value] of Object.entries(recorded)) pairIds(value, (replayed as Record<string, unknown>)[key], ids);
  }
}

const withIds = (value: unknown, ids: Map<string, string>): unknown => {
  if (ids.size === 0) return value;
  if (typeof value === "string") return value.replace(UUID, (id) => ids.get(id) ?? id);
  if (Array.isArray(value)) return value.map((one) => withIds(one, ids));
  return value;
};

/**
 * Sends recorded statements again on one connection, in order, with the ids the database made
 * while recording replaced by those it makes now; each must answer as many rows as it did. A
 * recorded transaction ends as it was recorded (a ROLLBACK when recorded with `rollBack`).
 */
export async function replayStatements(pool: pg.Pool, statements: readonly RecordedStatement[]): Promise<void> {
  const client = await pool.connect();
  try {
    const ids = new Map<string, string>();
    for (const statement of statements) {
      const config = { text: statement.text, values: statement.values.map((value) => withIds(value, ids)), ...(statement.rowMode ? { rowMode: "array" } : {}) };
      const result: pg.QueryResult = await client.query(config as pg.QueryConfig);
      if (result.rows.length !== statement.rows.length)
        throw new Error(`the replayed statement answered ${result.rows.length} rows, not ${statement.rows.length}: ${statement.text.slice(0, 120)}`);
      pairIds(statement.rows, result.rows, ids);
    }
    client.release();
  } catch (error) {
    // A connection left inside a failed transaction is not given back to the pool.
    client.release(error as Error);
    throw error;
  }
}
