import type { AuditAction, AuditDetails, AuditTargetType } from "../../contracts/audit";
import { auditLog } from "../../db/schema";
import type { Actor, AuditTrail } from "./access";
import type { DbOrTx } from "./db";

/** What a record is about. `path` places it in the jurisdiction tree, so audit can be read by scope. */
export interface AuditTarget {
  type: AuditTargetType;
  id?: string;
  path?: string | null;
  /** Its name when the record is written (institution, account, file), for reading the trail later. */
  name?: string;
}

/** Someone not signed in: a login attempt (naming the account it tried), or a refused anonymous request. */
export interface Anonymous {
  kind: "anonymous";
  ip: string;
  trail: AuditTrail;
  /** The account a login attempt named, when it exists. */
  userId?: string | null;
  username?: string | null;
}

export type AuditActor = Actor | Anonymous;

function whoIs(actor: AuditActor): { actorId: string | null; actorUsername: string | null } {
  switch (actor.kind) {
    case "user":
      return { actorId: actor.user.id, actorUsername: actor.user.username };
    case "system":
      return { actorId: null, actorUsername: `system:${actor.name}` };
    case "anonymous":
      return { actorId: actor.userId ?? null, actorUsername: actor.username ?? null };
  }
}

export interface AuditEvent<Action extends AuditAction> {
  action: Action;
  target?: AuditTarget;
  result?: "success" | "failure";
  detail: AuditDetails[Action];
}

/**
 * Writes one audit record on the given handle: pass the transaction of the change, so the change
 * and its record commit together or not at all.
 */
export async function writeAudit<Action extends AuditAction>(db: DbOrTx, actor: AuditActor, event: AuditEvent<Action>): Promise<void> {
  await writeAuditMany(db, actor, [event]);
}

const BATCH = 1000;

/** Writes the records of many changes made at once (an import), in batches, on the given handle. */
export async function writeAuditMany<Action extends AuditAction>(db: DbOrTx, actor: AuditActor, events: AuditEvent<Action>[]): Promise<void> {
  const who = whoIs(actor);
  const rows = events.map((event) => ({
    ...who,
    ip: actor.ip,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    targetPath: event.target?.path ?? null,
    targetName: event.target?.name ?? null,
    result: event.result ?? "success",
    detail: event.detail,
  }));
  for (let i = 0; i < rows.length; i += BATCH) await db.insert(auditLog).values(rows.slice(i, i + BATCH));
  for (const row of rows) {
    if (row.result === "failure") actor.trail.failureWritten = true;
    else actor.trail.written = true;
  }
}
