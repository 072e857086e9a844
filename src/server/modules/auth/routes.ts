import type { FastifyInstance, FastifyReply } from "fastify";
import { changePasswordRoute, loginRoute, logoutRoute, sessionRoute } from "../../../contracts/auth";
import type { AppDeps } from "../../deps";
import { writeAudit } from "../../platform/audit";
import { CSRF_COOKIE, deleteSession, newToken, SESSION_COOKIE } from "../../platform/auth/sessions";
import { callerOf, csrfCookieOptions, sessionCookieOptions } from "../../platform/http/request-context";
import { registerRoute } from "../../platform/http/routes";
import { changePassword } from "./change-password";
import { describeUser } from "./describe-user";
import { login } from "./login";

export function registerAuthRoutes(app: FastifyInstance, { db, config, clock }: AppDeps) {
  const setSessionCookies = (reply: FastifyReply, token: string, csrfToken: string) => {
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config.COOKIE_SECURE));
    reply.setCookie(CSRF_COOKIE, csrfToken, csrfCookieOptions(config.COOKIE_SECURE));
  };
  const policy = { maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES };

  // The floor of every request (bench): the session the request context already loaded, nothing more.
  registerRoute(app, sessionRoute, async ({ actor, request, reply }) => {
    const token = request.ctx.csrfToken ?? request.cookies[CSRF_COOKIE] ?? newToken();
    if (token !== request.cookies[CSRF_COOKIE]) reply.setCookie(CSRF_COOKIE, token, csrfCookieOptions(config.COOKIE_SECURE));
    return { user: actor ? describeUser(actor.user) : null, csrfToken: token, expired: request.ctx.sessionExpired };
  });

  registerRoute(app, loginRoute, async ({ body, request, reply }) => {
    const caller = callerOf(request);
    const outcome = await login({ db, clock, policy }, { kind: "anonymous", ip: caller.ip, trail: caller.trail }, body.username, body.password);
    if (!outcome.ok) throw outcome.error;
    if (request.ctx.sessionToken) await deleteSession(db, request.ctx.sessionToken);
    setSessionCookies(reply, outcome.token, outcome.csrfToken);
    return { user: describeUser(outcome.user), csrfToken: outcome.csrfToken, expired: false };
  });

  registerRoute(app, logoutRoute, async ({ actor, request, reply }) => {
    await db.transaction(async (tx) => {
      await deleteSession(tx, request.ctx.sessionToken as string);
      await writeAudit(tx, actor, {
        action: "auth.logout",
        target: { type: "user", id: actor.user.id, path: actor.user.jurisdictionPath, name: actor.user.username },
        detail: {},
      });
    });
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config.COOKIE_SECURE));
    return undefined;
  });

  registerRoute(app, changePasswordRoute, async ({ actor, body, reply }) => {
    const fresh = await changePassword(db, actor, body.currentPassword, body.newPassword);
    setSessionCookies(reply, fresh.token, fresh.csrfToken);
    return { user: describeUser({ ...actor.user, mustChangePassword: false }), csrfToken: fresh.csrfToken, expired: false };
  });
}
