import { and, count, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { SortOrder } from "../../../contracts/common";
import type { EXPERT_SORTS, ExpertBody, ExpertFilters, ExpertListQuery, ExpertSummary } from "../../../contracts/draws";
import { expert, institution, jurisdiction } from "../../../db/schema";
import type { UserActor } from "../../platform/access";
import { type AuditTarget, writeAudit } from "../../platform/audit";
import type { Db, DbOrTx, Tx } from "../../platform/db";
import { badRequest, forbidden, notFound } from "../../platform/http/errors";
import { keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import { inScope, type Scope, underJurisdiction } from "../../platform/scope";
import { INSTITUTION_SCOPE, PINYIN } from "../institutions/queries";

const EXPERT_NOT_FOUND = "专家不存在";

/**
 * An authority's expert pool by the authority's jurisdiction path: its own users and those of the
 * authorities above it see it; another county, and institutions, nothing.
 */
function poolsInScope(scope: Scope, authorityPath: AnyPgColumn): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "jurisdiction":
      return underJurisdiction(scope, authorityPath);
    case "institution":
      return sql`false`;
  }
}

const expertColumns = {
  row: expert,
  authorityName: jurisdiction.authorityName,
  authorityPath: jurisdiction.path,
  institutionName: institution.name,
  conflictInstitutions: sql<{ id: string; name: string }[]>`(
    select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name), '[]'::json)
    from ${institution} c where c.id = any(${expert.conflictInstitutionIds}))`,
};

const fromExperts = (db: DbOrTx) =>
  db
    .select(expertColumns)
    .from(expert)
    .innerJoin(jurisdiction, eq(jurisdiction.code, expert.authorityCode))
    .leftJoin(institution, eq(institution.id, expert.institutionId));

type ExpertRow = Awaited<ReturnType<ReturnType<typeof fromExperts>["execute"]>>[number];

const EXPERT_SORT: SortSpec<keyof typeof EXPERT_SORTS, ExpertRow> = {
  columns: {
    name: { by: [sql`${expert.name} collate ${PINYIN}`], valuesOf: (r) => [r.row.name] },
    speciality: {
      by: [sql`${expert.speciality} collate ${PINYIN}`],
      thenAscending: [sql`${expert.name} collate ${PINYIN}`],
      valuesOf: (r) => [r.row.speciality, r.row.name],
    },
    updatedAt: { by: [expert.updatedAt], valuesOf: (r) => [r.row.updatedAt] },
  },
  defaultKey: "name",
  defaultOrder: { updatedAt: "desc" },
  tiebreak: { column: expert.id, valueOf: (r) => r.row.id },
};

const toSummary = ({ row, ...joined }: ExpertRow): ExpertSummary => ({
  id: row.id,
  authorityCode: row.authorityCode,
  authorityName: joined.authorityName,
  name: row.name,
  unit: row.unit,
  institution: row.institutionId && joined.institutionName ? { id: row.institutionId, name: joined.institutionName } : null,
  speciality: row.speciality,
  phone: row.phone,
  conflictInstitutions: joined.conflictInstitutions,
  conflictNote: row.conflictNote,
  active: row.active,
  updatedAt: row.updatedAt.toISOString(),
});

/** The WHERE clause of a scoped, filtered expert list: the pools of the authorities in the caller's scope. */
export function expertListCondition(scope: Scope, filters: ExpertFilters): SQL | undefined {
  return and(
    poolsInScope(scope, jurisdiction.path),
    filters.name ? ilike(expert.name, substringPattern(filters.name)) : undefined,
    filters.speciality ? ilike(expert.speciality, substringPattern(filters.speciality)) : undefined,
    filters.active === undefined ? undefined : eq(expert.active, filters.active),
  );
}

export async function listExperts(db: DbOrTx, scope: Scope, query: ExpertListQuery) {
  const where = expertListCondition(scope, query);
  const [rows, [counted]] = await Promise.all([
    fromExperts(db)
      .where(where)
      .orderBy(...orderByOf(resolveSort(EXPERT_SORT, query)))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(expert).innerJoin(jurisdiction, eq(jurisdiction.code, expert.authorityCode)).where(where),
  ]);
  return { items: rows.map(toSummary), total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Walks a filtered expert list in its order, a batch at a time (keyset), for the export. */
export async function* expertBatches(db: DbOrTx, where: SQL | undefined, query: { sort?: keyof typeof EXPERT_SORTS; order?: SortOrder }) {
  const sort = resolveSort(EXPERT_SORT, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    fromExperts(db)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map(toSummary);
}

async function findExpert(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}) {
  const query = fromExperts(db).where(and(eq(expert.id, id), poolsInScope(scope, jurisdiction.path)));
  const [found] = options.lock ? await query.for("update", { of: expert }) : await query;
  if (!found) throw notFound(EXPERT_NOT_FOUND);
  return found;
}

/**
 * The expert's own institution and declared conflicts must be institutions of the register the caller
 * can see: an id out of scope is refused as unknown, naming the field.
 */
async function checkInstitutions(tx: Tx, scope: Scope, body: ExpertBody) {
  if (body.institutionId) {
    const [own] = await tx
      .select({ id: institution.id })
      .from(institution)
      .where(and(eq(institution.id, body.institutionId), inScope(scope, INSTITUTION_SCOPE)));
    if (!own) throw badRequest("所在机构（在册）：机构不存在或不在管辖范围内", "institutionId");
  }
  const conflicts = [...new Set(body.conflictInstitutionIds)];
  if (conflicts.length > 0) {
    const [found] = await tx
      .select({ total: count() })
      .from(institution)
      .where(and(inArray(institution.id, conflicts), inScope(scope, INSTITUTION_SCOPE)));
    if ((found?.total ?? 0) !== conflicts.length) throw badRequest("回避机构：有机构不存在或不在管辖范围内", "conflictInstitutionIds");
  }
  return { ...body, institutionId: body.institutionId || null, conflictInstitutionIds: conflicts };
}

const targetOf = (row: { id: string; name: string }, path: string): AuditTarget => ({ type: "expert", id: row.id, path, name: row.name });

/** Adds an expert to the pool of the caller's own authority. */
export async function createExpert(db: Db, actor: UserActor, body: ExpertBody): Promise<ExpertSummary> {
  const authorityCode = actor.user.jurisdictionCode;
  if (!authorityCode || !actor.user.jurisdictionPath) throw forbidden("只有监管部门的用户可以管理本部门的专家库");
  return db.transaction(async (tx) => {
    const values = await checkInstitutions(tx, actor.scope, body);
    const [row] = await tx
      .insert(expert)
      .values({ ...values, authorityCode })
      .returning({ id: expert.id });
    if (!row) throw new Error("the expert insert returned no row");
    await writeAudit(tx, actor, {
      action: "expert.create",
      target: targetOf({ id: row.id, name: body.name }, actor.user.jurisdictionPath as string),
      detail: { name: body.name },
    });
    return toSummary(await findExpert(tx, actor.scope, row.id));
  });
}

const EDITABLE = ["name", "unit", "institutionId", "speciality", "phone", "conflictInstitutionIds", "conflictNote", "active"] as const;

/** Replaces an expert's fields; the pool keeps the expert (an expert leaves it by being marked 不在库). */
export async function updateExpert(db: Db, actor: UserActor, id: string, body: ExpertBody): Promise<ExpertSummary> {
  return db.transaction(async (tx) => {
    const before = await findExpert(tx, actor.scope, id, { lock: true });
    const values = await checkInstitutions(tx, actor.scope, body);
    await tx
      .update(expert)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(expert.id, id));
    const changes = Object.fromEntries(
      EDITABLE.filter((field) => JSON.stringify(before.row[field]) !== JSON.stringify(values[field])).map((field) => [
        field,
        { from: before.row[field], to: values[field] },
      ]),
    );
    await writeAudit(tx, actor, { action: "expert.update", target: targetOf(before.row, before.authorityPath), detail: { name: body.name, changes } });
    return toSummary(await findExpert(tx, actor.scope, id));
  });
}
