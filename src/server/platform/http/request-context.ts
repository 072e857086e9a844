import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Access } from "../../../contracts/route";
import { can } from "../../../domain/permissions";
import { type AuditTrail, type AuthUser, newAuditTrail, scopeOf, type UserActor } from "../access";
import { type Anonymous, writeAudit } from "../audit";
import { CSRF_COOKIE, CSRF_HEADER, lookupSession, SESSION_COOKIE } from "../auth/sessions";
import type { Db } from "../db";
import type { JurisdictionScope } from "../scope";
import { AppError, forbidden, unauthorized } from "./errors";

/** Per-request state: who is calling (if anyone) and what the audit trail already holds of it. */
export interface RequestContext {
  /** The signed-in caller, with the scope every use case takes. */
  actor: UserActor | null;
  sessionToken: string | null;
  csrfToken: string | null;
  /** The request carried a session cookie whose session had expired. */
  sessionExpired: boolean;
  ip: string;
  trail: AuditTrail;
}

declare module "fastify" {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** Who may call the route; every API route declares it (contracts/route.ts). */
    access?: Access;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The signed-in caller of a route whose access requires a session. */
export function actorOf(request: FastifyRequest): UserActor {
  const { actor } = request.ctx;
  if (!actor) throw unauthorized();
  return actor;
}

/** Whoever is calling, for the audit trail: the signed-in user, or an anonymous caller from an address. */
export const callerOf = (request: FastifyRequest): UserActor | Anonymous =>
  request.ctx.actor ?? { kind: "anonymous", ip: request.ip, trail: request.ctx.trail };

export function sessionCookieOptions(secure: boolean) {
  return { path: "/", httpOnly: true, sameSite: "strict" as const, secure };
}
/** Readable by the web app, which echoes it in the X-CSRF-Token header (double submit, bound to the session). */
export function csrfCookieOptions(secure: boolean) {
  return { path: "/", httpOnly: false, sameSite: "strict" as const, secure };
}

/** Whether a caller may pass a route's declared access; the answer to give when not. */
function refusal(access: Access, ctx: RequestContext): AppError | null {
  if (access.kind === "public") return null;
  const user: AuthUser | undefined = ctx.actor?.user;
  if (!user) return ctx.sessionExpired ? unauthorized("SESSION_EXPIRED", "登录已超时，请重新登录") : unauthorized();
  const beforePasswordChange = access.kind === "signed-in" && access.beforePasswordChange === true;
  if (user.mustChangePassword && !beforePasswordChange) return new AppError(403, "PASSWORD_CHANGE_REQUIRED", "请先修改初始密码");
  if (access.kind === "permission" && !can(user.role, access.permission)) return forbidden();
  return null;
}

export interface RequestContextDeps {
  db: Db;
  idleMinutes: number;
  secureCookies: boolean;
  positionOf: (code: string) => JurisdictionScope | undefined;
}

/**
 * The pipeline every API request passes before its handler: session → CSRF → the route's declared
 * access. And after it: the audit safety net.
 */
export function registerRequestContext(app: FastifyInstance, deps: RequestContextDeps): void {
  app.decorateRequest("ctx", null as unknown as RequestContext);

  // A route without a declared access would be open by omission: refuse to start instead.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/") && !route.config?.access) throw new Error(`${route.method} ${route.url} declares no access (config.access)`);
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx: RequestContext = { actor: null, sessionToken: null, csrfToken: null, sessionExpired: false, ip: request.ip, trail: newAuditTrail() };
    request.ctx = ctx;
    // Unknown routes answer 404 to everyone: the route table is public in the OpenAPI anyway.
    if (!request.url.startsWith("/api/") || request.is404) return;

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await lookupSession(deps.db, token, deps.idleMinutes);
      if (found.status === "active") {
        ctx.actor = { kind: "user", user: found.user, scope: scopeOf(found.user, deps.positionOf), ip: request.ip, trail: ctx.trail };
        ctx.sessionToken = token;
        ctx.csrfToken = found.csrfToken;
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

    const access = request.routeOptions.config.access;
    const refused = access ? refusal(access, ctx) : forbidden();
    if (refused) throw refused;
  });

  // Safety net: a state-changing request that left no record of its own gets one, outside any
  // rolled-back transaction: a success that wrote none, or a failure whose records rolled back.
  // Written before the response leaves, so a client never sees a result whose record does not exist yet.
  app.addHook("onSend", async (request, reply, payload) => {
    const ctx = request.ctx;
    const isApi = request.url.startsWith("/api/");
    if (isApi && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    if (!ctx || SAFE_METHODS.has(request.method) || !isApi) return payload;
    const failed = reply.statusCode >= 400;
    if (failed ? ctx.trail.failureWritten : ctx.trail.written) return payload;
    try {
      await writeAudit(deps.db, callerOf(request), {
        action: "request",
        result: failed ? "failure" : "success",
        detail: { method: request.method, route: request.routeOptions.url ?? request.url.split("?")[0] ?? "", status: reply.statusCode },
      });
    } catch (error) {
      request.log.error({ err: error }, "could not write the audit record");
    }
    return payload;
  });
}
