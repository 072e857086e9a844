import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Role } from "../../../contracts/enums";
import { appUser, institution, jurisdiction, session } from "../../../db/schema";
import type { AuthUser } from "../access";
import type { Db, DbOrTx } from "../db";

export const SESSION_COOKIE = "yian_sid";
export const CSRF_COOKIE = "yian_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** The key a session is stored under: the SHA-256 of its cookie token. */
export const sessionIdOf = (token: string) => createHash("sha256").update(token).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

/** last_seen_at is written at most once a minute, so reads do not each cost a write. */
const TOUCH_AFTER_SECONDS = 60;

export async function createSession(db: DbOrTx, userId: string, ip: string): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(session).values({ id: sessionIdOf(token), userId, csrfToken, ip });
  return { token, csrfToken };
}

export const deleteSession = (db: DbOrTx, token: string) => db.delete(session).where(eq(session.id, sessionIdOf(token)));

export type SessionLookup = { status: "active"; user: AuthUser; csrfToken: string } | { status: "expired" } | { status: "none" };

/**
 * The session, its user and the name of the user's authority or institution in one statement,
 * prepared under a name: it runs on every API request,
 * and a named statement is parsed and planned once per connection instead of each time (planning
 * the three-table join cost more than executing it).
 */
export function sessionQuery(db: Db) {
  return db
    .select({
      csrfToken: session.csrfToken,
      idle: sql<boolean>`${session.lastSeenAt} < now() - make_interval(mins => ${sql.placeholder("idleMinutes")})`,
      stale: sql<boolean>`${session.lastSeenAt} < now() - make_interval(secs => ${sql.raw(String(TOUCH_AFTER_SECONDS))})`,
      id: appUser.id,
      username: appUser.username,
      displayName: appUser.displayName,
      role: appUser.role,
      mustChangePassword: appUser.mustChangePassword,
      jurisdictionCode: appUser.jurisdictionCode,
      jurisdictionPath: appUser.jurisdictionPath,
      institutionId: appUser.institutionId,
      affiliationName: sql<string | null>`coalesce(${jurisdiction.authorityName}, ${institution.name})`,
      active: appUser.active,
    })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .leftJoin(jurisdiction, eq(jurisdiction.code, appUser.jurisdictionCode))
    .leftJoin(institution, eq(institution.id, appUser.institutionId))
    .where(eq(session.id, sql.placeholder("id")));
}
/** The statement's name on each connection (the benchmark prepares the same one). */
export const SESSION_STATEMENT = "session_lookup";
const prepareSessionQuery = (db: Db) => sessionQuery(db).prepare(SESSION_STATEMENT);
const sessionQueries = new WeakMap<Db, ReturnType<typeof prepareSessionQuery>>();

/** Loads the session and its user in one round trip; an idle or disabled one is removed. */
export async function lookupSession(db: Db, token: string, idleMinutes: number): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  let query = sessionQueries.get(db);
  if (!query) {
    query = prepareSessionQuery(db);
    sessionQueries.set(db, query);
  }
  const rows = await query.execute({ id, idleMinutes });
  const row = rows[0];
  if (!row) return { status: "none" };
  if (row.idle || !row.active) {
    await db.delete(session).where(eq(session.id, id));
    // A disabled account's session is simply gone: telling its holder "timed out" would mislead.
    return { status: row.active ? "expired" : "none" };
  }
  if (row.stale) await db.update(session).set({ lastSeenAt: sql`now()` }).where(eq(session.id, id));
  return {
    status: "active",
    csrfToken: row.csrfToken,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role as Role,
      mustChangePassword: row.mustChangePassword,
      jurisdictionCode: row.jurisdictionCode,
      jurisdictionPath: row.jurisdictionPath,
      institutionId: row.institutionId,
      affiliationName: row.affiliationName,
    },
  };
}
