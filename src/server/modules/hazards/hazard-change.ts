import { eq, sql } from "drizzle-orm";
import type { FieldChanges } from "../../../contracts/audit";
import { hazard, hazardEvent } from "../../../db/schema";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Tx } from "../../platform/db";
import { conflict, notFound } from "../../platform/http/errors";
import type { Scope } from "../../platform/scope";
import { findHazard, type HazardWithInstitution } from "./queries";

/**
 * The hazard locked for a change through the caller's scope, refused (409) when someone changed
 * it since the caller loaded the version they send.
 */
export async function lockForChange(tx: Tx, scope: Scope, id: string, version: number): Promise<HazardWithInstitution> {
  const found = await findHazard(tx, scope, id, { lock: true });
  if (!found) throw notFound("隐患不存在");
  if (found.row.version !== version) throw conflict("该隐患已被他人修改，请刷新后重新办理", "version");
  return found;
}

export interface HazardChange {
  /** A command of domain/hazard-lifecycle.ts, or a step of its listing. */
  kind: string;
  /** The step as users name it, for the audit trail. */
  label: string;
  set?: Partial<typeof hazard.$inferInsert>;
  reason?: string | null;
  details?: Record<string, unknown>;
  changed?: FieldChanges;
}

/**
 * Applies one step to a locked hazard: its fields and a new version, its event on the timeline and
 * its audit record, in the caller's transaction. Answers the hazard as it is now and the event's id.
 */
export async function applyHazardChange(tx: Tx, actor: UserActor, found: HazardWithInstitution, change: HazardChange) {
  const [row] = await tx
    .update(hazard)
    .set({ ...change.set, version: sql`${hazard.version} + 1`, updatedAt: sql`now()` })
    .where(eq(hazard.id, found.row.id))
    .returning();
  if (!row) throw notFound("隐患不存在");
  const changed = change.changed ?? {};
  const [event] = await tx
    .insert(hazardEvent)
    .values({
      hazardId: row.id,
      kind: change.kind,
      round: row.round,
      actorId: actor.user.id,
      actorName: actor.user.displayName,
      reason: change.reason ?? null,
      details: change.details ?? {},
      changed,
    })
    .returning({ id: hazardEvent.id });
  if (!event) throw new Error("the hazard event insert returned no row");
  await writeAudit(tx, actor, {
    action: "hazard.command",
    target: { type: "hazard", id: row.id, path: row.jurisdictionPath, name: row.number },
    detail: { number: row.number, command: change.label, ...(change.reason ? { reason: change.reason } : {}), changes: changed },
  });
  return { found: { ...found, row }, eventId: event.id };
}
