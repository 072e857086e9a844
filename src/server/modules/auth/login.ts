import { eq, sql } from "drizzle-orm";
import type { Role } from "../../../contracts/enums";
import { appUser, institution, jurisdiction } from "../../../db/schema";
import { afterFailedLogin, afterSuccessfulLogin, isLocked, type LockoutPolicy } from "../../../domain/login-lockout";
import type { AuthUser } from "../../platform/access";
import { type Anonymous, writeAudit } from "../../platform/audit";
import { decoyPasswordHash, verifyPassword } from "../../platform/auth/passwords";
import { createSession } from "../../platform/auth/sessions";
import type { Clock } from "../../platform/clock";
import type { Db } from "../../platform/db";
import { AppError } from "../../platform/http/errors";

export type LoginOutcome = { ok: true; user: AuthUser; token: string; csrfToken: string } | { ok: false; error: AppError };

const WRONG_CREDENTIALS = "用户名或密码错误";

/**
 * Checks the credentials and opens a session. A failed attempt is not an exception: its
 * counter and its audit record must commit, so the outcome is returned instead of thrown.
 */
export async function login(
  deps: { db: Db; clock: Clock; policy: LockoutPolicy },
  caller: Anonymous,
  username: string,
  password: string,
): Promise<LoginOutcome> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [row] = await tx
      .select({ user: appUser, affiliationName: sql<string | null>`coalesce(${jurisdiction.authorityName}, ${institution.name})` })
      .from(appUser)
      .leftJoin(jurisdiction, eq(jurisdiction.code, appUser.jurisdictionCode))
      .leftJoin(institution, eq(institution.id, appUser.institutionId))
      .where(eq(appUser.username, username))
      .for("update", { of: appUser });
    const attempt: Anonymous = { ...caller, username, userId: row?.user.id ?? null };
    const target = row ? { type: "user" as const, id: row.user.id, path: row.user.jurisdictionPath, name: row.user.username } : undefined;
    const fail = async (reason: "unknown_user" | "locked" | "disabled" | "wrong_password", error: AppError) => {
      await writeAudit(tx, attempt, { action: "auth.login", target, result: "failure", detail: { username, reason } });
      return { ok: false as const, error };
    };

    if (!row) {
      await verifyPassword(await decoyPasswordHash(), password);
      return fail("unknown_user", new AppError(401, "LOGIN_FAILED", WRONG_CREDENTIALS));
    }
    const { user } = row;
    if (isLocked(user, now)) {
      const minutes = Math.ceil(((user.lockedUntil as Date).getTime() - now.getTime()) / 60_000);
      return fail("locked", new AppError(403, "ACCOUNT_LOCKED", `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`));
    }
    if (!user.active) return fail("disabled", new AppError(403, "ACCOUNT_DISABLED", "账户已停用，请联系管理员"));

    if (!(await verifyPassword(user.passwordHash, password))) {
      const next = afterFailedLogin(user, deps.policy, now);
      await tx.update(appUser).set(next).where(eq(appUser.id, user.id));
      const message = next.lockedUntil
        ? `登录失败次数过多，账户已锁定 ${deps.policy.lockMinutes} 分钟`
        : `${WRONG_CREDENTIALS}，再失败 ${deps.policy.maxFailures - next.failedLogins} 次将锁定账户`;
      return fail("wrong_password", new AppError(401, "LOGIN_FAILED", message));
    }

    await tx
      .update(appUser)
      .set({ ...afterSuccessfulLogin(), lastLoginAt: sql`now()` })
      .where(eq(appUser.id, user.id));
    const { token, csrfToken } = await createSession(tx, user.id, caller.ip);
    await writeAudit(tx, attempt, { action: "auth.login", target, detail: { username: user.username } });
    return {
      ok: true as const,
      token,
      csrfToken,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role as Role,
        mustChangePassword: user.mustChangePassword,
        jurisdictionCode: user.jurisdictionCode,
        jurisdictionPath: user.jurisdictionPath,
        institutionId: user.institutionId,
        affiliationName: row.affiliationName,
      },
    };
  });
}
