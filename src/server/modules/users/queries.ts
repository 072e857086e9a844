import { and, asc, count, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Role } from "../../../contracts/enums";
import type { UserSummary } from "../../../contracts/users";
import { appUser, institution, jurisdiction } from "../../../db/schema";
import type { Scope } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { substringPattern } from "../institutions/queries";

/** Users within a scope: an authority's subtree holds its own and sub-authorities' users and those of its institutions. */
function usersInScope(scope: Scope): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "jurisdiction":
      return or(sql`${jurisdiction.path} like ${`${scope.path}%`}`, sql`${institution.jurisdictionPath} like ${`${scope.path}%`}`) as SQL;
    case "institution":
      return eq(appUser.institutionId, scope.institutionId);
  }
}

const userColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  role: appUser.role,
  jurisdictionCode: appUser.jurisdictionCode,
  institutionId: appUser.institutionId,
  active: appUser.active,
  mustChangePassword: appUser.mustChangePassword,
  locked: sql<boolean>`coalesce(${appUser.lockedUntil} > now(), false)`,
  lastLoginAt: appUser.lastLoginAt,
  affiliationName: sql<string>`coalesce(${jurisdiction.authorityName}, ${institution.name}, '系统管理')`,
};

const fromUsers = (db: DbOrTx) =>
  db
    .select(userColumns)
    .from(appUser)
    .leftJoin(jurisdiction, eq(jurisdiction.code, appUser.jurisdictionCode))
    .leftJoin(institution, eq(institution.id, appUser.institutionId));

type UserRow = Awaited<ReturnType<ReturnType<typeof fromUsers>["execute"]>>[number];
const toSummary = (row: UserRow): UserSummary => ({ ...row, role: row.role as Role, lastLoginAt: row.lastLoginAt?.toISOString() ?? null });

export async function listUsers(db: DbOrTx, scope: Scope, query: { q?: string; role?: Role; page: number; pageSize: number }) {
  const where = and(
    usersInScope(scope),
    query.role ? eq(appUser.role, query.role) : undefined,
    query.q ? or(ilike(appUser.username, substringPattern(query.q)), ilike(appUser.displayName, substringPattern(query.q))) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    fromUsers(db)
      .where(where)
      .orderBy(asc(appUser.username))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: count() })
      .from(appUser)
      .leftJoin(jurisdiction, eq(jurisdiction.code, appUser.jurisdictionCode))
      .leftJoin(institution, eq(institution.id, appUser.institutionId))
      .where(where),
  ]);
  return { items: rows.map(toSummary), total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function findUser(db: DbOrTx, scope: Scope, id: string): Promise<UserSummary | undefined> {
  const [row] = await fromUsers(db).where(and(eq(appUser.id, id), usersInScope(scope)));
  return row ? toSummary(row) : undefined;
}
