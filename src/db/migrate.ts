import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Db } from "../server/platform/db";
import { loadReferenceData } from "./reference/load";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Brings the schema to the latest migration and upserts the reference data; safe to run at every start. */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
  await loadReferenceData(db);
}
