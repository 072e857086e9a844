import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../db/migrate";
import { connectDatabase } from "../server/platform/db";
import { ensureDatabase, postgresCanReach, startEmbeddedPostgres } from "../server/platform/embedded-postgres";

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

/** One real PostgreSQL cluster for the whole run, in a throwaway folder inside the project. */
export default async function setup(project: TestProject) {
  // Inside the project when the postgres user can reach it; a throwaway cluster may live anywhere.
  const dataDir = path.resolve(postgresCanReach("data") ? "data" : tmpdir(), `yian-test-${process.pid}`);
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
