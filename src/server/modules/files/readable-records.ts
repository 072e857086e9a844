import type { Permission } from "../../../domain/permissions";
import type { DbOrTx } from "../../platform/db";
import type { Scope } from "../../platform/scope";
import { findHazard } from "../hazards/queries";
import { findInspection } from "../inspections/queries";
import type { AttachableKind } from "./attachments";

/** Who may read the record a file belongs to: the permission to read such records, and the record in the caller's scope. */
interface RecordReader {
  permission: Permission;
  isVisible(db: DbOrTx, scope: Scope, recordId: string): Promise<boolean>;
}

/**
 * One reader per kind of record that holds files: a bound file is readable exactly when its record
 * is, through the same scoped query the record's own pages use. A new kind of record with
 * files adds its line here, and does not compile until it does.
 */
export const RECORD_READERS: Record<AttachableKind, RecordReader> = {
  hazard: { permission: "hazard:read", isVisible: async (db, scope, id) => (await findHazard(db, scope, id)) !== undefined },
  inspection: { permission: "inspection:read", isVisible: async (db, scope, id) => (await findInspection(db, scope, id)) !== undefined },
};
