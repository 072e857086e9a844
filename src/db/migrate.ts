import { fileURLToPath } from "node:url";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { loadShippedChecklists } from "../server/modules/checklists/shipped";
import { loadReferenceData } from "./reference/load";
import type * as schema from "./schema";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Brings the schema to the latest migration and upserts the reference data (the jurisdiction tree, the shipped checklists); safe to run at every start. */
export async function migrateDatabase(db: NodePgDatabase<typeof schema>): Promise<void> {
  await migrate(db, { migrationsFolder });
  await loadReferenceData(db);
  await loadShippedChecklists(db);
}
