import { eq } from "drizzle-orm";
import type { CurrentUser } from "../../../contracts/auth";
import { institution, jurisdiction } from "../../../db/schema";
import { permissionsOf } from "../../../domain/permissions";
import type { AuthUser } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";

/** The signed-in user as the web app needs it: affiliation name and permissions decide the navigation. */
export async function describeUser(db: DbOrTx, user: AuthUser): Promise<CurrentUser> {
  let affiliation: CurrentUser["affiliation"] = { kind: "system", code: null, name: "系统管理" };
  if (user.jurisdictionCode) {
    const [row] = await db.select({ name: jurisdiction.authorityName }).from(jurisdiction).where(eq(jurisdiction.code, user.jurisdictionCode));
    affiliation = { kind: "jurisdiction", code: user.jurisdictionCode, name: row?.name ?? user.jurisdictionCode };
  } else if (user.institutionId) {
    const [row] = await db.select({ name: institution.name }).from(institution).where(eq(institution.id, user.institutionId));
    affiliation = { kind: "institution", code: user.institutionId, name: row?.name ?? "" };
  }
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
