import { eq } from "drizzle-orm";
import type { Role } from "../../contracts/enums";
import { appUser } from "../../db/schema";
import type { JurisdictionDirectory } from "../modules/jurisdictions/directory";
import { type AuthUser, newAuditTrail, scopeOf, type UserActor } from "../platform/access";
import type { Db } from "../platform/db";

/** A demo account as the use cases see a signed-in user, so the demo is written through them (audit records included). */
export async function demoActor(db: Db, directory: JurisdictionDirectory, username: string): Promise<UserActor> {
  const [row] = await db.select().from(appUser).where(eq(appUser.username, username));
  if (!row) throw new Error(`demo account ${username} is missing`);
  const user: AuthUser = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    mustChangePassword: false,
    jurisdictionCode: row.jurisdictionCode,
    institutionId: row.institutionId,
    jurisdictionPath: row.jurisdictionPath,
    affiliationName: null,
  };
  return { kind: "user", user, scope: scopeOf(user, directory.positionOf), ip: "seed", trail: newAuditTrail() };
}
