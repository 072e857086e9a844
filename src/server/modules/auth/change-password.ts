import { eq } from "drizzle-orm";
import { appUser, session } from "../../../db/schema";
import { writeAudit } from "../../platform/audit";
import { hashPassword, verifyPassword } from "../../platform/auth/passwords";
import { createSession } from "../../platform/auth/sessions";
import type { Db } from "../../platform/db";
import { badRequest } from "../../platform/http/errors";
import type { Caller } from "../../platform/http/request-context";

/** Replaces the caller's password and ends every session of theirs, issuing a fresh one for this browser. */
export async function changePassword(db: Db, caller: Caller, currentPassword: string, newPassword: string) {
  const [row] = await db.select({ passwordHash: appUser.passwordHash }).from(appUser).where(eq(appUser.id, caller.user.id));
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) throw badRequest("当前密码：不正确", "currentPassword");
  if (currentPassword === newPassword) throw badRequest("新密码：不能与当前密码相同", "newPassword");
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash, mustChangePassword: false }).where(eq(appUser.id, caller.user.id));
    await tx.delete(session).where(eq(session.userId, caller.user.id));
    const fresh = await createSession(tx, caller.user.id, caller.ip);
    await writeAudit(tx, caller, { action: "auth.change_password", targetType: "user", targetId: caller.user.id, result: "success" });
    return fresh;
  });
}
