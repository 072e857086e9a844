import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AuthUser, type Scope, scopeOf } from "../access";
import { type AuditActor, writeAudit } from "../audit";
import { CSRF_COOKIE, CSRF_HEADER, lookupSession, SESSION_COOKIE } from "../auth/sessions";
import type { Db } from "../db";
import { AppError, unauthorized } from "./errors";

/** Per-request state: who is calling (if anyone) and whether the request has been audited. */
export interface RequestContext extends AuditActor {
  user: AuthUser | null;
  sessionToken: string | null;
  csrfToken: string | null;
  /** The request carried a session cookie whose session had expired. */
  sessionExpired: boolean;
}

/** A signed-in caller with the scope every service call takes. */
export interface Caller extends RequestContext {
  user: AuthUser;
  scope: Scope;
}

declare module "fastify" {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, session state). */
    public?: boolean;
    /** Reachable while the user still has to replace an initial password. */
    allowedBeforePasswordChange?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function callerOf(request: FastifyRequest): Caller {
  const { user } = request.ctx;
  if (!user) throw unauthorized();
  return Object.assign(request.ctx, { user, scope: scopeOf(user) });
}

export function sessionCookieOptions(secure: boolean) {
  return { path: "/", httpOnly: true, sameSite: "strict" as const, secure };
}
/** Readable by the web app, which echoes it in the X-CSRF-Token header (double submit, bound to the session). */
export function csrfCookieOptions(secure: boolean) {
  return { path: "/", httpOnly: false, sameSite: "strict" as const, secure };
}

export function registerRequestContext(app: FastifyInstance, deps: { db: Db; idleMinutes: number; secureCookies: boolean }): void {
  app.decorateRequest("ctx", null as unknown as RequestContext);

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx: RequestContext = {
      user: null,
      sessionToken: null,
      csrfToken: null,
      sessionExpired: false,
      actorId: null,
      actorUsername: null,
      ip: request.ip,
      audited: false,
    };
    request.ctx = ctx;
    // Unknown routes answer 404 to everyone: the route table is public in the OpenAPI anyway.
    if (!request.url.startsWith("/api/") || request.is404) return;

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await lookupSession(deps.db, token, deps.idleMinutes);
      if (found.status === "active") {
        Object.assign(ctx, { user: found.user, sessionToken: token, csrfToken: found.csrfToken, actorId: found.user.id, actorUsername: found.user.username });
      } else {
        ctx.sessionExpired = found.status === "expired";
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.secureCookies));
      }
    }

    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      const cookie = request.cookies[CSRF_COOKIE];
      const expected = ctx.csrfToken ?? cookie;
      if (!sent || !cookie || sent !== cookie || sent !== expected) throw new AppError(403, "CSRF", "请求缺少有效的安全令牌（CSRF），请刷新页面后重试");
    }

    const config = request.routeOptions.config;
    if (config.public) return;
    if (!ctx.user) throw ctx.sessionExpired ? unauthorized("SESSION_EXPIRED", "登录已超时，请重新登录") : unauthorized();
    if (ctx.user.mustChangePassword && !config.allowedBeforePasswordChange) {
      throw new AppError(403, "PASSWORD_CHANGE_REQUIRED", "请先修改初始密码");
    }
  });

  // Safety net: a state-changing request whose handler wrote no audit record (it failed, or was
  // refused before reaching one) still leaves one, outside the rolled-back transaction. Written
  // before the response leaves, so a client never sees a result whose record does not exist yet.
  app.addHook("onSend", async (request, reply, payload) => {
    const ctx = request.ctx;
    const isApi = request.url.startsWith("/api/");
    if (isApi) reply.header("cache-control", "no-store");
    if (!ctx || ctx.audited || SAFE_METHODS.has(request.method) || !isApi) return payload;
    try {
      await writeAudit(deps.db, ctx, {
        action: `${request.method} ${request.routeOptions.url ?? request.url.split("?")[0]}`,
        result: reply.statusCode < 400 ? "success" : "failure",
        detail: { status: reply.statusCode },
      });
    } catch (error) {
      request.log.error({ err: error }, "could not write the audit record");
    }
    return payload;
  });
}
