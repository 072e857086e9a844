import type { Role } from "../../contracts/enums";
import { can, type Permission } from "../../domain/permissions";
import { forbidden } from "./http/errors";
import type { JurisdictionScope, Scope } from "./scope";

/** The signed-in user as the server knows it, loaded with the session. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  jurisdictionCode: string | null;
  institutionId: string | null;
  /** Path of the user's jurisdiction, or of their institution's county. */
  jurisdictionPath: string | null;
  /** Name of the authority or institution the user belongs to. */
  affiliationName: string | null;
}

/**
 * Marks whether the audit trail already holds a record of what a request did, so the HTTP layer's
 * safety net adds one only when it does not (platform/audit.ts).
 */
export interface AuditTrail {
  /** A record was written in a transaction that committed: the request succeeded. */
  written: boolean;
  /** A failure record was written and committed (a refused login, say): the request failed. */
  failureWritten: boolean;
}

export const newAuditTrail = (): AuditTrail => ({ written: false, failureWritten: false });

/** Who acts, with which scope: the input of every use case, instead of an HTTP request. */
export type Actor =
  | { kind: "user"; user: AuthUser; scope: Scope; ip: string; trail: AuditTrail }
  /** Scheduled jobs and other work the system does by itself. */
  | { kind: "system"; name: string; scope: { kind: "all" }; ip: string; trail: AuditTrail };

export type UserActor = Extract<Actor, { kind: "user" }>;

/** A system actor for one job run; its name appears in the audit trail as `system:<name>`. */
export const systemActor = (name: string): Actor => ({ kind: "system", name, scope: { kind: "all" }, ip: "system", trail: newAuditTrail() });

/**
 * The scope of a signed-in user: the system administrator sees all, an institution's users their
 * institution, an authority's users its subtree. `positionOf` places a jurisdiction in the tree.
 */
export function scopeOf(user: AuthUser, positionOf: (code: string) => JurisdictionScope | undefined): Scope {
  if (user.role === "system_admin") return { kind: "all" };
  if (user.institutionId && user.jurisdictionPath) return { kind: "institution", institutionId: user.institutionId, path: user.jurisdictionPath };
  const jurisdiction = user.jurisdictionCode ? positionOf(user.jurisdictionCode) : undefined;
  if (jurisdiction) return { kind: "jurisdiction", ...jurisdiction };
  throw forbidden("账户未关联监管部门或机构");
}

/** Whether the actor may do what the permission names; the system may do anything. */
export const actorCan = (actor: Actor, permission: Permission) => actor.kind === "system" || can(actor.user.role, permission);

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw forbidden("该操作只能由用户执行");
  return actor;
}
