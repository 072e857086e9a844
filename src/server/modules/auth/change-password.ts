import { eq } from "drizzle-orm";
import { appUser, session } from "../../../db/schema";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { hashPassword, verifyPassword } from "../../platform/auth/passwords";
import { createSession } from "../../platform/auth/sessions";
import type { Db } from "../../platform/db";
import { badRequest } from "../../platform/http/errors";

/** Replaces the caller's password and ends every session of theirs, issuing a fresh one for this browser. */
export async function changePassword(db: Db, actor: UserActor, currentPassword: string, newPassword: string) {
  const [row] = await db.select({ passwordHash: appUser.passwordHash }).from(appUser).where(eq(appUser.id, actor.user.id));
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) throw badRequest("当前密码：不正确", "currentPassword");
  if (currentPassword === newPassword) throw badRequest("新密码：不能与当前密码相同", "newPassword");
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash, mustChangePassword: false }).where(eq(appUser.id, actor.user.id));
    await tx.delete(session).where(eq(session.userId, actor.user.id));
    const fresh = await createSession(tx, actor.user.id, actor.ip);
    await writeAudit(tx, actor, {
      action: "auth.change_password",
      target: { type: "user", id: actor.user.id, path: actor.user.jurisdictionPath, name: actor.user.username },
      detail: {},
    });
    return fresh;
  });
}
