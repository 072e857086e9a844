import { migrateDatabase } from "../../db/migrate";
import type { Config } from "../config";
import { connectDatabase, type Database } from "./db";
import { type EmbeddedCluster, ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres";

export interface RunningDatabase extends Database {
  /** Set when the cluster is embedded, so shutdown stops it. */
  cluster?: EmbeddedCluster;
  url: string;
}

const EMBEDDED_DATABASE = "yian";

/** Connects to DATABASE_URL, or starts the embedded cluster under DATA_DIR; then migrates. */
export async function openDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR" | "EMBEDDED_PG_PORT">,
  log: (line: string) => void = () => {},
): Promise<RunningDatabase> {
  let cluster: EmbeddedCluster | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    cluster = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, log });
    await ensureDatabase(cluster.connectionString("postgres"), EMBEDDED_DATABASE);
    url = cluster.connectionString(EMBEDDED_DATABASE);
  }
  const database = connectDatabase(url);
  try {
    await migrateDatabase(database.db);
  } catch (error) {
    await database.close();
    await cluster?.stop();
    throw error;
  }
  return { ...database, cluster, url };
}

export async function closeDatabase(database: RunningDatabase): Promise<void> {
  await database.close();
  await database.cluster?.stop();
}
