import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ChangePasswordBody, LoginBody, SessionState } from "../../../contracts/auth";
import type { Config } from "../../config";
import { writeAudit } from "../../platform/audit";
import { CSRF_COOKIE, deleteSession, newToken, SESSION_COOKIE } from "../../platform/auth/sessions";
import type { Db } from "../../platform/db";
import { callerOf, csrfCookieOptions, sessionCookieOptions } from "../../platform/http/request-context";
import { changePassword } from "./change-password";
import { describeUser } from "./describe-user";
import { login } from "./login";

export function authRoutes(app: FastifyInstance, deps: { db: Db; config: Config }) {
  const { db, config } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const setSessionCookies = (reply: FastifyReply, token: string, csrfToken: string) => {
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config.COOKIE_SECURE));
    reply.setCookie(CSRF_COOKIE, csrfToken, csrfCookieOptions(config.COOKIE_SECURE));
  };

  api.get("/api/auth/session", { config: { public: true }, schema: { response: { 200: SessionState } } }, async (request, reply) => {
    const { user, csrfToken } = request.ctx;
    const token = csrfToken ?? request.cookies[CSRF_COOKIE] ?? newToken();
    reply.setCookie(CSRF_COOKIE, token, csrfCookieOptions(config.COOKIE_SECURE));
    return { user: user ? await describeUser(db, user) : null, csrfToken: token, expired: request.ctx.sessionExpired };
  });

  api.post("/api/auth/login", { config: { public: true }, schema: { body: LoginBody, response: { 200: SessionState } } }, async (request, reply) => {
    const outcome = await login(
      db,
      { maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES },
      request.ctx,
      request.body.username,
      request.body.password,
    );
    if (!outcome.ok) throw outcome.error;
    if (request.ctx.sessionToken) await deleteSession(db, request.ctx.sessionToken);
    setSessionCookies(reply, outcome.token, outcome.csrfToken);
    return { user: await describeUser(db, outcome.user), csrfToken: outcome.csrfToken, expired: false };
  });

  api.post("/api/auth/logout", { config: { allowedBeforePasswordChange: true } }, async (request, reply) => {
    const caller = callerOf(request);
    await db.transaction(async (tx) => {
      await deleteSession(tx, caller.sessionToken as string);
      await writeAudit(tx, caller, { action: "auth.logout", targetType: "user", targetId: caller.user.id, result: "success" });
    });
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config.COOKIE_SECURE));
    return reply.code(204).send();
  });

  api.post(
    "/api/auth/password",
    { config: { allowedBeforePasswordChange: true }, schema: { body: ChangePasswordBody, response: { 200: SessionState } } },
    async (request, reply) => {
      const caller = callerOf(request);
      const fresh = await changePassword(db, caller, request.body.currentPassword, request.body.newPassword);
      setSessionCookies(reply, fresh.token, fresh.csrfToken);
      return { user: await describeUser(db, { ...caller.user, mustChangePassword: false }), csrfToken: fresh.csrfToken, expired: false };
    },
  );
}
