import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../db/migrate";
import { chooseDataDir } from "../server/platform/data-dir";
import { connectDatabase } from "../server/platform/db";
import { ensureDatabase, startEmbeddedPostgres } from "../server/platform/embedded-postgres";

/** Name of the migrated database every test file copies (CREATE DATABASE … TEMPLATE). */
export const TEMPLATE_DATABASE = "yian_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the throwaway cluster's maintenance database. */
    pgAdminUrl: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * One real PostgreSQL cluster for the whole run, in a throwaway folder: data/test-<pid> in the
 * project, or the project's folder under /var/lib/yian when the postgres user cannot enter it.
 */
export default async function setup(project: TestProject) {
  const { dir: dataDir, notice } = chooseDataDir({ purpose: `test-${process.pid}` });
  if (notice) console.log(notice);
  await rm(dataDir, { recursive: true, force: true });
  const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const adminUrl = cluster.connectionString("postgres");
  await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
  const template = connectDatabase(cluster.connectionString(TEMPLATE_DATABASE), 1);
  await migrateDatabase(template.db);
  await template.close();
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
