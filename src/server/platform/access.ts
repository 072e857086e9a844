import type { Role } from "../../contracts/enums";
import { can, type Permission } from "../../domain/permissions";
import { forbidden } from "./http/errors";

/** The signed-in user as the server knows it, loaded with the session. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  jurisdictionCode: string | null;
  jurisdictionPath: string | null;
  institutionId: string | null;
}

/**
 * What part of the data a caller may touch. Every list and load takes one, so a query that
 * forgets the caller's scope does not compile; each area's queries.ts turns it into SQL
 * (institutionsInScope, usersInScope; docs/adr/0003-scope-in-every-query.md).
 */
export type Scope = { kind: "all" } | { kind: "jurisdiction"; code: string; path: string } | { kind: "institution"; institutionId: string };

export function scopeOf(user: AuthUser): Scope {
  if (user.role === "system_admin") return { kind: "all" };
  if (user.institutionId) return { kind: "institution", institutionId: user.institutionId };
  if (user.jurisdictionCode && user.jurisdictionPath) return { kind: "jurisdiction", code: user.jurisdictionCode, path: user.jurisdictionPath };
  throw forbidden("账户未关联监管部门或机构");
}

/** Whether a jurisdiction (by its path) lies in the scope; institution users own no jurisdiction. */
export function jurisdictionInScope(scope: Scope, path: string): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "jurisdiction") return path.startsWith(scope.path);
  return false;
}

export function requirePermission(user: AuthUser, permission: Permission): void {
  if (!can(user.role, permission)) throw forbidden();
}
