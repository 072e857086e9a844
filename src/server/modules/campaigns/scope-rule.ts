import { and, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { CampaignScope } from "../../../contracts/campaigns";
import { INSTITUTION_GRADES, INSTITUTION_TYPES, OWNERSHIPS } from "../../../contracts/enums";
import { type campaign, campaignAssignment, hazard, inspection, institution } from "../../../db/schema";
import { type CoverageDuty, defaultCampaignDuty } from "../../../domain/coverage";
import { anyOf, type DbOrTx } from "../../platform/db";
import { badRequest } from "../../platform/http/errors";
import { underJurisdiction } from "../../platform/scope";
import { onRegister } from "../institutions/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

type CampaignRow = typeof campaign.$inferSelect;

/**
 * A campaign's scope as stored (campaign.scope_rule): the author's choice, with the coverage default
 * resolved to the duty it stood for when the campaign was made; a 回头看's scope is its first round's
 * hazards, with the time its list was last made.
 */
export type StoredScopeRule = (CampaignScope & { duty?: CoverageDuty }) | { kind: "follow_up"; listMadeAt: string | null };

/** Institutions that fall in a coverage duty: one of its grades, or 省直 when the duty includes those. */
export const withinDuty = (duty: CoverageDuty): SQL =>
  or(
    duty.grades.length > 0 ? inArray(institution.grade, duty.grades) : undefined,
    duty.provincialDirect ? eq(institution.provincialDirect, true) : undefined,
  ) ?? sql`false`;

function authorityOf(directory: JurisdictionDirectory, authorityCode: string) {
  const position = directory.positionOf(authorityCode);
  const record = directory.get(authorityCode);
  if (!position || !record) throw badRequest("行政区划：不存在", "authorityCode");
  return { position, level: record.level };
}

/** The jurisdictions a scope names, each within the authority's own (or the request is refused, naming the field). */
function jurisdictionsCondition(directory: JurisdictionDirectory, authorityPath: string, codes: string[]): SQL | undefined {
  if (codes.length === 0) return undefined;
  const positions = codes.map((code) => {
    const position = directory.positionOf(code);
    if (!position?.path.startsWith(authorityPath)) throw badRequest(`行政区划：${code} 不在本部门管辖范围内`, "scope");
    return position;
  });
  return or(...positions.map((position) => underJurisdiction(position, institution.jurisdictionPath)));
}

/** The scope as the author chose it, with the coverage default resolved for the authority's level: what a campaign stores. */
export function storedScopeRule(directory: JurisdictionDirectory, authorityCode: string, scope: CampaignScope): StoredScopeRule {
  if (scope.kind !== "coverage") return scope;
  return { ...scope, duty: defaultCampaignDuty(authorityOf(directory, authorityCode).level) };
}

/**
 * The WHERE clause (on institution) of the institutions a scope covers: on the register, within the
 * authority's jurisdiction, and as the scope says. Refuses (400, naming the field) a jurisdiction
 * outside the authority's.
 */
export function scopeCondition(directory: JurisdictionDirectory, authorityCode: string, scope: CampaignScope): SQL {
  const { position, level } = authorityOf(directory, authorityCode);
  const conditions: (SQL | undefined)[] = [onRegister, underJurisdiction(position, institution.jurisdictionPath)];
  switch (scope.kind) {
    case "coverage":
      conditions.push(jurisdictionsCondition(directory, position.path, scope.jurisdictionCodes), withinDuty(defaultCampaignDuty(level)));
      break;
    case "filter":
      conditions.push(
        jurisdictionsCondition(directory, position.path, scope.jurisdictionCodes),
        scope.types.length > 0 ? inArray(institution.type, scope.types) : undefined,
        scope.grades.length > 0 ? inArray(institution.grade, scope.grades) : undefined,
        scope.ownership ? eq(institution.ownership, scope.ownership) : undefined,
        scope.provincialDirect === undefined ? undefined : eq(institution.provincialDirect, scope.provincialDirect),
      );
      break;
    case "list":
      conditions.push(inArray(institution.id, scope.institutionIds));
      break;
  }
  return and(...conditions) ?? sql`true`;
}

/**
 * Refuses a listed scope naming an institution the authority cannot plan for (outside its
 * jurisdiction, off the register or unknown), so nothing listed is silently dropped.
 */
export async function checkListedInstitutions(db: DbOrTx, directory: JurisdictionDirectory, authorityCode: string, scope: CampaignScope) {
  if (scope.kind !== "list") return;
  const wanted = new Set(scope.institutionIds);
  const found = await db
    .select({ id: institution.id })
    .from(institution)
    .where(scopeCondition(directory, authorityCode, scope));
  const missing = wanted.size - found.length;
  if (missing > 0) throw badRequest(`机构名单：${missing} 家机构不存在、不在本部门管辖范围内或已不在册`, "scope");
}

/** The scope in words, one line per condition, for the campaign's page. */
export function scopeLines(directory: JurisdictionDirectory, rule: unknown): string[] {
  const stored = rule as Partial<StoredScopeRule> & { institutionIds?: string[] };
  const places = (codes: string[] | undefined) => (codes && codes.length > 0 ? [`行政区划：${codes.map((code) => directory.name(code)).join("、")}`] : []);
  switch (stored.kind) {
    case "coverage": {
      const duty = stored.duty;
      const covered = [...(duty?.provincialDirect ? ["省直"] : []), ...(duty?.grades ?? []).map((grade) => INSTITUTION_GRADES[grade])];
      return [`全覆盖默认范围：${covered.join("、")}机构`, ...places(stored.jurisdictionCodes)];
    }
    case "filter":
      return [
        ...places(stored.jurisdictionCodes),
        ...(stored.types?.length ? [`机构类型：${stored.types.map((t) => INSTITUTION_TYPES[t]).join("、")}`] : []),
        ...(stored.grades?.length ? [`等级：${stored.grades.map((g) => INSTITUTION_GRADES[g]).join("、")}`] : []),
        ...(stored.ownership ? [`所有制：${OWNERSHIPS[stored.ownership]}`] : []),
        ...(stored.provincialDirect === undefined ? [] : [stored.provincialDirect ? "仅省直机构" : "非省直机构"]),
        ...(stored.types?.length || stored.grades?.length || stored.ownership || stored.provincialDirect !== undefined || stored.jurisdictionCodes?.length
          ? []
          : ["本辖区全部在册机构"]),
      ];
    case "follow_up":
      return ["第一轮检查中发现隐患的机构"];
    default:
      return [`指定机构：${stored.institutionIds?.length ?? 0} 家`];
  }
}

/**
 * Inserts one 未检查 assignment per institution the condition selects, in ONE statement (a province
 * campaign covers tens of thousands), each with the window given; institutions already assigned are
 * left as they are. Answers how many were added.
 */
async function insertAssignmentsWhere(tx: DbOrTx, campaignId: string, where: SQL, window: { start: string; end: string }): Promise<number> {
  const result = await tx.execute(sql`
    insert into ${campaignAssignment} (campaign_id, institution_id, jurisdiction_path, window_start, window_end, state)
    select ${campaignId}::uuid, ${institution.id}, ${institution.jurisdictionPath}, ${window.start}::date, ${window.end}::date, 'pending'
    from ${institution}
    where ${where}
    on conflict (campaign_id, institution_id) do nothing`);
  return result.rowCount ?? 0;
}

/** The window an assignment gets when none is given: the campaign's period. */
export const periodOf = (row: Pick<CampaignRow, "periodStart" | "periodEnd">) => ({ start: row.periodStart, end: row.periodEnd });

/** Every institution of a campaign's scope as its assignments (selection "all"), in one statement. */
export function insertScopeAssignments(tx: DbOrTx, directory: JurisdictionDirectory, row: CampaignRow, scope: CampaignScope, window = periodOf(row)) {
  return insertAssignmentsWhere(tx, row.id, scopeCondition(directory, row.authorityCode, scope), window);
}

/**
 * The WHERE clause (on institution) of the institutions a stored campaign covers: its scope rule as
 * stored, or for a 回头看 its first round's institutions with hazards. What the random draw (双随机)
 * draws from and what it may add.
 */
export function campaignScopeCondition(directory: JurisdictionDirectory, row: CampaignRow): SQL {
  const rule = row.scopeRule as StoredScopeRule;
  if (rule.kind === "follow_up") return row.followUpOf ? followUpPool(row.followUpOf) : sql`false`;
  return scopeCondition(directory, row.authorityCode, normalisedScope(rule));
}

/**
 * For the random draw (双随机): the institutions of a campaign's scope with their names, by id (the
 * order a draw reads its pool in), computed in SQL.
 */
export function scopeInstitutions(db: DbOrTx, directory: JurisdictionDirectory, row: CampaignRow): Promise<{ id: string; name: string }[]> {
  return db.select({ id: institution.id, name: institution.name }).from(institution).where(campaignScopeCondition(directory, row)).orderBy(institution.id);
}

/** A stored rule as the scope it was made from (a rule stored as a bare list of ids reads as a list). */
function normalisedScope(rule: StoredScopeRule | { institutionIds?: string[] }): CampaignScope {
  if ("kind" in rule && rule.kind !== "follow_up") return rule;
  return { kind: "list", institutionIds: (rule as { institutionIds?: string[] }).institutionIds ?? [] };
}

/**
 * For the random draw: makes the drawn institutions a campaign's assignments (window: the period
 * unless given), in one statement. Only institutions of the campaign's scope are taken; answers how
 * many were added (an institution already assigned stays as it is). The ids travel as one array
 * parameter: a province's draw names more ids than a statement may have parameters.
 */
export async function insertDrawnAssignments(
  tx: DbOrTx,
  directory: JurisdictionDirectory,
  row: CampaignRow,
  institutionIds: string[],
  window = periodOf(row),
): Promise<number> {
  if (institutionIds.length === 0) return 0;
  return insertAssignmentsWhere(tx, row.id, and(campaignScopeCondition(directory, row), anyOf(institution.id, institutionIds)) ?? sql`false`, window);
}

/**
 * The hazards a campaign's supervision inspections found (hazard.source 'inspection', its source_id
 * one of the campaign's inspections), voided ones aside: the first round's hazards that a 回头看
 * re-checks (seed 003). One definition for the 回头看's list and for what its inspections re-check.
 */
export const firstRoundHazard = (firstRoundId: string): SQL =>
  and(
    eq(hazard.source, "inspection"),
    ne(hazard.state, "voided"),
    sql`${hazard.sourceId} in (select ${inspection.id} from ${inspection} where ${inspection.campaignId} = ${firstRoundId}::uuid)`,
  ) ?? sql`false`;

/** Institutions with hazards in a campaign's first round (firstRoundHazard). */
export const hadHazardsIn = (firstRoundId: string): SQL =>
  sql`${institution.id} in (select ${hazard.institutionId} from ${hazard} where ${firstRoundHazard(firstRoundId)})`;

/** A 回头看's institutions: those on the register with hazards in its first round. */
const followUpPool = (firstRoundId: string): SQL => and(onRegister, hadHazardsIn(firstRoundId)) ?? sql`false`;

/** Makes a 回头看's list: every institution with hazards in its first round, in one statement. */
export function insertFollowUpAssignments(tx: DbOrTx, row: CampaignRow & { followUpOf: string }) {
  return insertAssignmentsWhere(tx, row.id, followUpPool(row.followUpOf), periodOf(row));
}
