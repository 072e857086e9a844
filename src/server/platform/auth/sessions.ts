import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Role } from "../../../contracts/enums";
import { session } from "../../../db/schema";
import type { AuthUser } from "../access";
import type { Db, DbOrTx } from "../db";

export const SESSION_COOKIE = "yian_sid";
export const CSRF_COOKIE = "yian_csrf";
export const CSRF_HEADER = "x-csrf-token";

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

/** last_seen_at is written at most once a minute, so reads do not each cost a write. */
const TOUCH_AFTER_SECONDS = 60;

export async function createSession(db: DbOrTx, userId: string, ip: string): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(session).values({ id: tokenHash(token), userId, csrfToken, ip });
  return { token, csrfToken };
}

export const deleteSession = (db: DbOrTx, token: string) => db.delete(session).where(eq(session.id, tokenHash(token)));

export type SessionLookup = { status: "active"; user: AuthUser; csrfToken: string } | { status: "expired" } | { status: "none" };

interface SessionRow extends Record<string, unknown> {
  csrf_token: string;
  idle: boolean;
  stale: boolean;
  id: string;
  username: string;
  display_name: string;
  role: Role;
  must_change_password: boolean;
  jurisdiction_code: string | null;
  jurisdiction_path: string | null;
  institution_id: string | null;
  active: boolean;
}

/** Loads the session and its user in one round trip; an idle or disabled one is removed. */
export async function lookupSession(db: Db, token: string, idleMinutes: number): Promise<SessionLookup> {
  const id = tokenHash(token);
  const { rows } = await db.execute<SessionRow>(
    sql`select s.csrf_token,
            s.last_seen_at < now() - make_interval(mins => ${idleMinutes}) as idle,
            s.last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS}) as stale,
            u.id, u.username, u.display_name, u.role, u.must_change_password,
            u.jurisdiction_code, j.path as jurisdiction_path, u.institution_id, u.active
       from session s
       join app_user u on u.id = s.user_id
       left join jurisdiction j on j.code = u.jurisdiction_code
      where s.id = ${id}`,
  );
  const row = rows[0];
  if (!row) return { status: "none" };
  if (row.idle || !row.active) {
    await db.delete(session).where(eq(session.id, id));
    return { status: "expired" };
  }
  if (row.stale) await db.update(session).set({ lastSeenAt: sql`now()` }).where(eq(session.id, id));
  return {
    status: "active",
    csrfToken: row.csrf_token,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      mustChangePassword: row.must_change_password,
      jurisdictionCode: row.jurisdiction_code,
      jurisdictionPath: row.jurisdiction_path,
      institutionId: row.institution_id,
    },
  };
}
