import { migrateDatabase } from "../../db/migrate";
import type { Config } from "../config";
import { chooseDataDir } from "./data-dir";
import { connectDatabase, type Database } from "./db";
import { type EmbeddedCluster, ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres";

export interface RunningDatabase extends Database {
  /** Set when the cluster is embedded, so shutdown stops it. */
  cluster?: EmbeddedCluster;
  url: string;
  /** Folder of the embedded cluster, when there is one. */
  dataDir?: string;
}

const EMBEDDED_DATABASE = "yian";

/**
 * Connects to DATABASE_URL, or starts the embedded cluster in the folder `chooseDataDir` picks for
 * DATA_DIR (printing its one-line notice when the data goes elsewhere); then migrates.
 */
export async function openDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR" | "EMBEDDED_PG_PORT">,
  log: (line: string) => void = () => {},
  notice: (line: string) => void = console.log,
): Promise<RunningDatabase> {
  let cluster: EmbeddedCluster | undefined;
  let dataDir: string | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const choice = chooseDataDir({ requested: config.DATA_DIR });
    if (choice.notice) notice(choice.notice);
    dataDir = choice.dir;
    cluster = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, log });
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
  return { ...database, cluster, url, dataDir };
}

export async function closeDatabase(database: RunningDatabase): Promise<void> {
  await database.close();
  await database.cluster?.stop();
}
