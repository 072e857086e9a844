import { eq } from "drizzle-orm";
import type { CreateUserBody } from "../../../contracts/users";
import { appUser, session } from "../../../db/schema";
import { assignableRoles, isAuthorityRole, isInstitutionRole } from "../../../domain/permissions";
import { jurisdictionInScope, requirePermission } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { hashPassword } from "../../platform/auth/passwords";
import type { Db } from "../../platform/db";
import { badRequest, conflict, notFound } from "../../platform/http/errors";
import type { Caller } from "../../platform/http/request-context";
import { findInstitution } from "../institutions/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { findUser } from "./queries";

/** Creates an account inside the caller's scope with an initial password that must be changed at first login. */
export async function createUser(db: Db, directory: JurisdictionDirectory, caller: Caller, body: CreateUserBody) {
  requirePermission(caller.user, "user:manage");
  if (!assignableRoles(caller.user.role).includes(body.role)) throw badRequest("角色：您不能分配该角色", "role");
  let jurisdictionCode: string | null = null;
  let institutionId: string | null = null;
  if (isAuthorityRole(body.role)) {
    const j = body.jurisdictionCode ? directory.get(body.jurisdictionCode) : undefined;
    if (!j) throw badRequest("所在行政区划：监管部门用户须选择所属行政区划", "jurisdictionCode");
    if (!jurisdictionInScope(caller.scope, j.path)) throw badRequest(`所在行政区划：“${j.name}”不在您的管辖范围内`, "jurisdictionCode");
    jurisdictionCode = j.code;
  } else if (isInstitutionRole(body.role)) {
    const found = body.institutionId ? await findInstitution(db, directory, caller.scope, body.institutionId) : undefined;
    if (!found) throw badRequest("所属机构：机构用户须选择您管辖范围内的机构", "institutionId");
    institutionId = found.id;
  }
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, body.username));
    if (existing) throw conflict("用户名：已被使用", "username");
    const [row] = await tx
      .insert(appUser)
      .values({
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        jurisdictionCode,
        institutionId,
        passwordHash,
        mustChangePassword: true,
      })
      .returning({ id: appUser.id });
    if (!row) throw new Error("insert returned no row");
    await writeAudit(tx, caller, {
      action: "user.create",
      targetType: "user",
      targetId: row.id,
      result: "success",
      detail: { username: body.username, role: body.role },
    });
    return (await findUser(tx, caller.scope, row.id)) ?? notFoundUser();
  });
}

function notFoundUser(): never {
  throw notFound("用户不存在");
}

export async function updateUser(db: Db, caller: Caller, id: string, body: { displayName: string; active: boolean }) {
  requirePermission(caller.user, "user:manage");
  if (id === caller.user.id && !body.active) throw badRequest("是否启用：不能停用自己的账户", "active");
  return db.transaction(async (tx) => {
    const before = (await findUser(tx, caller.scope, id)) ?? notFoundUser();
    await tx.update(appUser).set(body).where(eq(appUser.id, id));
    if (!body.active) await tx.delete(session).where(eq(session.userId, id));
    await writeAudit(tx, caller, {
      action: "user.update",
      targetType: "user",
      targetId: id,
      result: "success",
      detail: { username: before.username, displayName: body.displayName, active: body.active },
    });
    return (await findUser(tx, caller.scope, id)) ?? notFoundUser();
  });
}

/** Sets a new initial password, lifts a lockout and ends the user's sessions. */
export async function resetPassword(db: Db, caller: Caller, id: string, password: string) {
  requirePermission(caller.user, "user:manage");
  // It would end the caller's own session without a word; their own password is changed knowing the current one.
  if (id === caller.user.id) throw badRequest("密码：不能重置自己的密码，请使用“修改密码”", "password");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const before = (await findUser(tx, caller.scope, id)) ?? notFoundUser();
    await tx.update(appUser).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, id));
    await tx.delete(session).where(eq(session.userId, id));
    await writeAudit(tx, caller, { action: "user.reset_password", targetType: "user", targetId: id, result: "success", detail: { username: before.username } });
    return (await findUser(tx, caller.scope, id)) ?? notFoundUser();
  });
}
