import type { CurrentUser } from "../../../contracts/auth";
import { permissionsOf } from "../../../domain/permissions";
import type { AuthUser } from "../../platform/access";

/** The signed-in user as the web app needs it: affiliation and permissions decide the navigation. No query: the session lookup loaded it all. */
export function describeUser(user: AuthUser): CurrentUser {
  const affiliation: CurrentUser["affiliation"] = user.jurisdictionCode
    ? { kind: "jurisdiction", code: user.jurisdictionCode, name: user.affiliationName ?? user.jurisdictionCode }
    : user.institutionId
      ? { kind: "institution", code: user.institutionId, name: user.affiliationName ?? "" }
      : { kind: "system", code: null, name: "系统管理" };
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    affiliation,
    permissions: [...permissionsOf(user.role)],
  };
}
