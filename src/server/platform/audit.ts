import { auditLog } from "../../db/schema";
import type { DbOrTx } from "./db";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  result: "success" | "failure";
  detail?: Record<string, unknown>;
}

/** Who is acting and from where; one per request. `audited` tells the safety net a record exists. */
export interface AuditActor {
  actorId: string | null;
  actorUsername: string | null;
  ip: string;
  audited: boolean;
}

/** Writes one audit record on the given handle: pass the transaction of the change so both commit or neither. */
export async function writeAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.actorId,
    actorUsername: actor.actorUsername,
    ip: actor.ip,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    result: entry.result,
    detail: entry.detail ?? null,
  });
  actor.audited = true;
}
