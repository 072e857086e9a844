import { and, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { SortOrder } from "../../../contracts/common";
import type { Role } from "../../../contracts/enums";
import type { USER_SORTS, UserListQuery, UserSummary } from "../../../contracts/users";
import { appUser, institution, jurisdiction } from "../../../db/schema";
import type { DbOrTx } from "../../platform/db";
import { numberedPage } from "../../platform/list/numbered-page";
import { keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import { inScope, type Scope } from "../../platform/scope";
import { PINYIN } from "../institutions/queries";

/** Users are scoped by the same rule as every table: their jurisdiction path (or their institution's) and institution. */
export const USER_SCOPE = { path: appUser.jurisdictionPath, institutionId: appUser.institutionId };

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

const NEVER = new Date(0);
const USER_SORT: SortSpec<keyof typeof USER_SORTS, UserRow> = {
  columns: {
    username: { by: [appUser.username], valuesOf: (r) => [r.username] },
    displayName: { by: [sql`${appUser.displayName} collate ${PINYIN}`], valuesOf: (r) => [r.displayName] },
    // Never signed in sorts as the oldest login.
    lastLoginAt: { by: [sql`coalesce(${appUser.lastLoginAt}, ${NEVER})`], valuesOf: (r) => [r.lastLoginAt ?? NEVER] },
  },
  defaultKey: "username",
  defaultOrder: { lastLoginAt: "desc" },
  tiebreak: { column: appUser.id, valueOf: (r) => r.id },
};
const toSummary = (row: UserRow): UserSummary => ({ ...row, role: row.role as Role, lastLoginAt: row.lastLoginAt?.toISOString() ?? null });

/** The WHERE clause of a scoped, filtered user list; shared by the list, its count and the export. */
export function userListCondition(scope: Scope, filters: { q?: string; role?: Role }): SQL | undefined {
  return and(
    inScope(scope, USER_SCOPE),
    filters.role ? eq(appUser.role, filters.role) : undefined,
    filters.q ? or(ilike(appUser.username, substringPattern(filters.q)), ilike(appUser.displayName, substringPattern(filters.q))) : undefined,
  );
}

export async function listUsers(db: DbOrTx, scope: Scope, query: UserListQuery) {
  const where = userListCondition(scope, query);
  const page = await numberedPage(db, query, { table: appUser, where }, ({ limit, offset }) =>
    fromUsers(db)
      .where(where)
      .orderBy(...orderByOf(resolveSort(USER_SORT, query)))
      .limit(limit)
      .offset(offset),
  );
  return { ...page, items: page.items.map(toSummary) };
}

/** Walks a filtered user list in its order, a batch at a time (keyset), for the export. */
export async function* userBatches(db: DbOrTx, where: SQL | undefined, query: { sort?: keyof typeof USER_SORTS; order?: SortOrder }) {
  const sort = resolveSort(USER_SORT, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    fromUsers(db)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map(toSummary);
}

export async function findUser(db: DbOrTx, scope: Scope, id: string): Promise<UserSummary | undefined> {
  const [row] = await fromUsers(db).where(and(eq(appUser.id, id), inScope(scope, USER_SCOPE)));
  return row ? toSummary(row) : undefined;
}
