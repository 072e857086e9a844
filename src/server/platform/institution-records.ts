import { eq, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { appUser, campaignAssignment, hazard, inspection, notice } from "../../db/schema";
import type { Tx } from "./db";

/** A table whose rows belong to an institution and carry a copy of its jurisdiction path for scoping. */
interface InstitutionScopedTable {
  table: PgTable;
  institutionId: AnyPgColumn;
  path: AnyPgColumn;
}

/**
 * Every table scoped by institution. A new area adds its table here, and its rows follow their
 * institution when it moves to another county (docs/adr/0007-records-follow-their-institution.md).
 * The audit log is not here: it records where things were when they happened, and is append-only.
 */
const INSTITUTION_SCOPED_TABLES: InstitutionScopedTable[] = [
  { table: appUser, institutionId: appUser.institutionId, path: appUser.jurisdictionPath },
  { table: hazard, institutionId: hazard.institutionId, path: hazard.jurisdictionPath },
  { table: notice, institutionId: notice.institutionId, path: notice.jurisdictionPath },
  { table: campaignAssignment, institutionId: campaignAssignment.institutionId, path: campaignAssignment.jurisdictionPath },
  { table: inspection, institutionId: inspection.institutionId, path: inspection.jurisdictionPath },
];

/** Re-homes an institution's records under its new jurisdiction path, in the transaction of the move. */
export async function moveInstitutionRecords(tx: Tx, institutionId: string, path: string): Promise<void> {
  for (const scoped of INSTITUTION_SCOPED_TABLES) {
    await tx.execute(sql`update ${scoped.table} set ${sql.identifier(scoped.path.name)} = ${path} where ${eq(scoped.institutionId, institutionId)}`);
  }
}
