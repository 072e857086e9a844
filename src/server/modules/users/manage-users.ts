import { eq } from "drizzle-orm";
import type { CreateUserBody, UpdateUserBody, UserSummary } from "../../../contracts/users";
import { appUser, session } from "../../../db/schema";
import { assignableRoles, isAuthorityRole, isInstitutionRole } from "../../../domain/permissions";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { type AuditTarget, writeAudit } from "../../platform/audit";
import { hashPassword } from "../../platform/auth/passwords";
import type { Tx } from "../../platform/db";
import { badRequest, conflict, notFound } from "../../platform/http/errors";
import { jurisdictionInScope } from "../../platform/scope";
import { findInstitution } from "../institutions/queries";
import { findUser } from "./queries";

type Deps = Pick<AppDeps, "db" | "directory">;

/** The user as the caller may see them, locked for a change; out of scope reads as missing. */
async function userForChange(tx: Tx, actor: UserActor, id: string): Promise<UserSummary & { path: string | null }> {
  const found = await findUser(tx, actor.scope, id);
  if (!found) throw notFound("用户不存在");
  const [row] = await tx.select({ path: appUser.jurisdictionPath }).from(appUser).where(eq(appUser.id, id)).for("update");
  return { ...found, path: row?.path ?? null };
}

const targetOf = (user: { id: string; username: string }, path: string | null): AuditTarget => ({ type: "user", id: user.id, path, name: user.username });

/** Creates an account inside the caller's scope with an initial password that must be changed at first login. */
export async function createUser({ db, directory }: Deps, actor: UserActor, body: CreateUserBody) {
  if (!assignableRoles(actor.user.role).includes(body.role)) throw badRequest("角色：您不能分配该角色", "role");
  let affiliation: { jurisdictionCode: string | null; institutionId: string | null; jurisdictionPath: string | null } = {
    jurisdictionCode: null,
    institutionId: null,
    jurisdictionPath: null,
  };
  if (isAuthorityRole(body.role)) {
    const j = body.jurisdictionCode ? directory.get(body.jurisdictionCode) : undefined;
    if (!j) throw badRequest("所属监管部门（行政区划）：监管部门用户须选择所属行政区划", "jurisdictionCode");
    if (!jurisdictionInScope(actor.scope, j.path)) throw badRequest(`所属监管部门（行政区划）：“${j.name}”不在您的管辖范围内`, "jurisdictionCode");
    affiliation = { jurisdictionCode: j.code, institutionId: null, jurisdictionPath: j.path };
  } else if (isInstitutionRole(body.role)) {
    const found = body.institutionId ? await findInstitution(db, actor.scope, body.institutionId) : undefined;
    if (!found) throw badRequest("所属机构：机构用户须选择您管辖范围内的机构", "institutionId");
    affiliation = { jurisdictionCode: null, institutionId: found.id, jurisdictionPath: found.jurisdictionPath };
  }
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, body.username));
    if (existing) throw conflict("用户名：已被使用", "username");
    const [row] = await tx
      .insert(appUser)
      .values({ username: body.username, displayName: body.displayName, role: body.role, ...affiliation, passwordHash, mustChangePassword: true })
      .returning({ id: appUser.id });
    if (!row) throw new Error("insert returned no row");
    await writeAudit(tx, actor, {
      action: "user.create",
      target: targetOf({ id: row.id, username: body.username }, affiliation.jurisdictionPath),
      detail: { username: body.username, role: body.role },
    });
    return (await findUser(tx, actor.scope, row.id)) ?? notFoundUser();
  });
}

function notFoundUser(): never {
  throw notFound("用户不存在");
}

export async function updateUser({ db }: Pick<AppDeps, "db">, actor: UserActor, id: string, body: UpdateUserBody) {
  if (id === actor.user.id && !body.active) throw badRequest("是否启用：不能停用自己的账户", "active");
  return db.transaction(async (tx) => {
    const before = await userForChange(tx, actor, id);
    await tx.update(appUser).set(body).where(eq(appUser.id, id));
    if (!body.active) await tx.delete(session).where(eq(session.userId, id));
    const changes = Object.fromEntries(
      (["displayName", "active"] as const).filter((field) => before[field] !== body[field]).map((field) => [field, { from: before[field], to: body[field] }]),
    );
    await writeAudit(tx, actor, { action: "user.update", target: targetOf(before, before.path), detail: { username: before.username, changes } });
    return (await findUser(tx, actor.scope, id)) ?? notFoundUser();
  });
}

/** Sets a new initial password, lifts a lockout and ends the user's sessions. */
export async function resetPassword({ db }: Pick<AppDeps, "db">, actor: UserActor, id: string, password: string) {
  // It would end the caller's own session without a word; their own password is changed knowing the current one.
  if (id === actor.user.id) throw badRequest("新的初始密码：不能重置自己的密码，请使用“修改密码”", "password");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const before = await userForChange(tx, actor, id);
    await tx.update(appUser).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, id));
    await tx.delete(session).where(eq(session.userId, id));
    await writeAudit(tx, actor, { action: "user.reset_password", target: targetOf(before, before.path), detail: { username: before.username } });
    return (await findUser(tx, actor.scope, id)) ?? notFoundUser();
  });
}
