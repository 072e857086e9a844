import { sql } from "drizzle-orm";
import { ChecklistContent } from "../../contracts/checklists";
import { SAFETY_SUPERVISION } from "../../db/reference/checklists/safety-supervision";
import { defaultCampaignDuty, ledgerDuty, type Quarter, quarterOf } from "../../domain/coverage";
import { itemsOf } from "../../domain/inspection-answers";
import { quarterlyCadence } from "../../domain/quarterly-cadence";
import { storedScopeRule } from "../modules/campaigns/scope-rule";
import type { Jurisdiction, JurisdictionDirectory } from "../modules/jurisdictions/directory";
import type { Db } from "../platform/db";

/**
 * Province-scale inspection campaigns for the bench, on top of the generated hazards: the quarterly
 * cadence of seed 003 (a 季度督导检查 in each quarter's first month, its 回头看 in the third) for the
 * province, every city and every county, over the `quarters` quarters up to today's, written by a
 * few set-based statements (INSERT … SELECT in PostgreSQL), never a loop over institutions:
 *
 * - each campaign's scope is the coverage rule's default for its authority's level
 *   (domain/coverage.ts defaultCampaignDuty: the province 三级 and 省直, a city 二级, a county 一级),
 *   stored as createCampaign stores it, inspected with the shipped 安全生产综合督导检查 checklist;
 * - assignments whose window has passed are about 92 % inspected (0.5 % 不适用), the current
 *   window's in proportion to how much of it has passed, a window to come not at all;
 * - an inspection is mostly dated on a day the institution's ledger has hazards found by
 *   inspection, and those hazards become its findings: hazard.source_id and source_item_key (the
 *   checklist item of the hazard's category, or none when the checklist has no such item) are set,
 *   and the item is answered 不符合; every other item 符合, in the shape the inspections module
 *   stores (`{ [itemKey]: { result, note, photoIds } }`);
 * - a 回头看's list is made once its first round has ended (the institutions where the first round
 *   found hazards not voided, as the campaigns module makes it), and its assignments inspected the
 *   same way.
 *
 * What it leaves out: photos (no attachments: a photo-required item is answered without one),
 * working groups and draws, a 回头看's re-checks of earlier hazards, and audit records.
 */

export interface InspectionGeneration {
  /** Today on the China calendar (YYYY-MM-DD): the last quarter is the one it falls in. */
  today: string;
  /** The account recorded as having planned the campaigns and submitted the inspections. */
  recordedBy: string;
  /** How many quarters up to today's (12: the three years of generated hazards). */
  quarters?: number;
}

export interface GeneratedInspections {
  campaigns: number;
  assignments: number;
  inspections: number;
  linkedHazards: number;
}

/** Share of assignments inspected once their window has passed, and share found 不适用. */
const INSPECTED_SHARE = 0.92;
const NOT_APPLICABLE_SHARE = 0.005;
/** Share of inspections dated on a day the institution's ledger has hazards found by inspection. */
const ON_A_HAZARD_DAY = 0.7;
const INSPECTOR_NAMES = ["王建国", "李明", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"];
const PLACE = "门诊楼、住院楼、配电间、消防控制室";

/** The quarter before `quarter`. */
function previousQuarter(quarter: Quarter): Quarter {
  const day = quarter.quarter === 1 ? `${quarter.year - 1}-10-01` : `${quarter.year}-${String(quarter.quarter * 3 - 5).padStart(2, "0")}-01`;
  return quarterOf(day);
}

/** The `count` quarters up to the one `today` falls in, oldest first. */
export function quartersUpTo(today: string, count: number): Quarter[] {
  const quarters = [quarterOf(today)];
  while (quarters.length < count) quarters.unshift(previousQuarter(quarters[0] as Quarter));
  return quarters;
}

/** The province, its cities and counties: every authority that plans a quarter's campaigns. */
function authoritiesUnder(directory: JurisdictionDirectory, code: string): Jurisdiction[] {
  const own = directory.get(code);
  return [...(own ? [own] : []), ...directory.children(code).flatMap((child) => authoritiesUnder(directory, child.code))];
}

/** The answer of an item found 符合 and 不符合, as the inspections module stores answers. */
const answerOf = (result: "compliant" | "non_compliant") => ({ result, note: "", photoIds: [] as string[] });

/** A PostgreSQL text[] literal, sent as one parameter. */
const textArray = (values: readonly string[]) => `{${values.map((value) => `"${value}"`).join(",")}}`;

export async function generateInspections(db: Db, directory: JurisdictionDirectory, options: InspectionGeneration): Promise<GeneratedInspections> {
  const today = options.today;
  const root = directory.rootCode();
  if (!root) throw new Error("the directory has no single root");
  const authorities = authoritiesUnder(directory, root).map((j) => {
    const duty = defaultCampaignDuty(j.level);
    return {
      code: j.code,
      path: j.path,
      grades: duty.grades,
      provincial_direct: duty.provincialDirect,
      scope_rule: storedScopeRule(directory, j.code, { kind: "coverage", jurisdictionCodes: [] }),
      unit: j.authorityName,
    };
  });
  const quarters = quartersUpTo(today, options.quarters ?? 12).map((quarter) => {
    const cadence = quarterlyCadence(quarter);
    return {
      name: `${quarter.label}安全生产督导检查`,
      first_start: cadence.firstRound.start,
      first_end: cadence.firstRound.end,
      follow_start: cadence.followUp.start,
      follow_end: cadence.followUp.end,
    };
  });
  // Institutions any level's duty may hold: the union of all duties, to join only those.
  const anyDuty = ledgerDuty("province");

  return db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.43)`);
    const [version] = (
      await tx.execute(sql`
        select v.id, v.content from checklist_version v join checklist c on c.id = v.checklist_id and v.version = c.current_version
        where c.shipped_key = ${SAFETY_SUPERVISION.shippedKey}`)
    ).rows as { id: string; content: unknown }[];
    if (!version) throw new Error(`the shipped checklist ${SAFETY_SUPERVISION.shippedKey} is not loaded`);
    const content = ChecklistContent.parse(version.content);
    const items = itemsOf(content);
    const allCompliant = Object.fromEntries(items.map((item) => [item.key, answerOf("compliant")]));
    // A hazard's finding is the first item of its category.
    const itemOfCategory: Record<string, string> = {};
    for (const item of items) itemOfCategory[item.category] ??= item.key;

    await tx.execute(sql`
      create temp table gen_campaign on commit drop as
      select gen_random_uuid() as id, gen_random_uuid() as follow_up_id, a.code, a.path, a.grades, a.provincial_direct, a.scope_rule,
        a.unit, q.name, q.first_start, q.first_end, q.follow_start, q.follow_end, random() < 0.3 as unannounced,
        -- Planned a week before the quarter; the 回头看's list made the night after the first round ends.
        (q.first_start - 7 + time '10:00') at time zone 'Asia/Shanghai' as planned_at,
        case when q.first_end < ${today}::date then (q.first_end + 1 + time '01:30') at time zone 'Asia/Shanghai' end as list_made_at
      from jsonb_to_recordset(${JSON.stringify(authorities)}::jsonb)
        as a(code text, path text, grades text[], provincial_direct boolean, scope_rule jsonb, unit text)
      cross join jsonb_to_recordset(${JSON.stringify(quarters)}::jsonb)
        as q(name text, first_start date, first_end date, follow_start date, follow_end date)`);

    // Assignments of both rounds; the state drawn from how much of the window has passed by today.
    await tx.execute(sql`
      create temp table gen_assignment (
        campaign_id uuid, first_round_id uuid, authority_code text, unit text, institution_id uuid, jurisdiction_path text,
        window_start date, window_end date, state text, r_day float8, r_find float8, r_names int[]
      ) on commit drop`);
    const decided = (rows: ReturnType<typeof sql>) => sql`
      insert into gen_assignment
      select campaign_id, first_round_id, authority_code, unit, institution_id, jurisdiction_path, window_start, window_end,
        case
          when window_start > ${today}::date then 'pending'
          when r_state > 1 - ${NOT_APPLICABLE_SHARE}::float8 then 'not_applicable'
          when r_state < ${INSPECTED_SHARE}::float8 * least(1, (${today}::date - window_start + 1)::float8 / (window_end - window_start + 1)) then 'inspected'
          else 'pending'
        end,
        random(), random(), array[1 + floor(random() * 8)::int, 1 + floor(random() * 8)::int]
      from (select *, random() as r_state from (${rows}) listed) drawn`;
    await tx.execute(
      decided(sql`
        select c.id as campaign_id, c.id as first_round_id, c.code as authority_code, c.unit, i.id as institution_id, i.jurisdiction_path,
          c.first_start as window_start, c.first_end as window_end
        from institution i
        cross join lateral unnest(string_to_array(trim(both '/' from i.jurisdiction_path), '/')) as up(code)
        join gen_campaign c on c.code = up.code
        where i.status = 'active' and (i.grade = any(${textArray(anyDuty.grades)}::text[]) or i.provincial_direct)
          and (i.grade = any(c.grades) or (c.provincial_direct and i.provincial_direct))`),
    );

    await tx.execute(sql`
      create temp table gen_inspection (id uuid, campaign_id uuid, first_round_id uuid, authority_code text, unit text, institution_id uuid,
        jurisdiction_path text, inspected_on date, r_names int[]) on commit drop`);
    await tx.execute(sql`create temp table gen_link (hazard_id uuid, inspection_id uuid, item_key text) on commit drop`);
    /** The inspections of a round's inspected assignments, and the hazards of their institution found on their day. */
    const inspectRound = async (round: "first" | "follow_up") => {
      const ofRound = round === "first" ? sql`a.campaign_id = a.first_round_id` : sql`a.campaign_id <> a.first_round_id`;
      await tx.execute(sql`
        insert into gen_inspection
        select gen_random_uuid(), a.campaign_id, a.first_round_id, a.authority_code, a.unit, a.institution_id, a.jurisdiction_path,
          coalesce(
            case when a.r_find < ${ON_A_HAZARD_DAY}::float8 then (
              select h.found_on from hazard h
              where h.institution_id = a.institution_id and h.source = 'inspection' and h.source_id is null
                and h.found_on between a.window_start and least(a.window_end, ${today}::date)
              order by random() limit 1) end,
            a.window_start + floor(a.r_day * (least(a.window_end, ${today}::date) - a.window_start + 1))::int),
          a.r_names
        from gen_assignment a where a.state = 'inspected' and ${ofRound}`);
      await tx.execute(sql`
        insert into gen_link
        select h.id, x.id, ${JSON.stringify(itemOfCategory)}::jsonb ->> h.category
        from gen_inspection x
        join hazard h on h.institution_id = x.institution_id and h.found_on = x.inspected_on and h.source = 'inspection' and h.source_id is null
        where ${round === "first" ? sql`x.campaign_id = x.first_round_id` : sql`x.campaign_id <> x.first_round_id`}`);
    };
    await inspectRound("first");
    // Temporary tables have no statistics until analyzed: without them the joins below are planned for a handful of rows.
    await tx.execute(sql`analyze gen_campaign, gen_assignment, gen_inspection, gen_link`);
    // A 回头看's list: the institutions where its first round found hazards not voided.
    await tx.execute(
      decided(sql`
        select distinct c.follow_up_id as campaign_id, c.id as first_round_id, c.code as authority_code, c.unit, x.institution_id,
          x.jurisdiction_path, c.follow_start as window_start, c.follow_end as window_end
        from gen_inspection x
        join gen_campaign c on c.id = x.campaign_id
        where c.list_made_at is not null
          and exists (select 1 from gen_link l join hazard h on h.id = l.hazard_id where l.inspection_id = x.id and h.state <> 'voided')`),
    );
    await inspectRound("follow_up");
    await tx.execute(sql`analyze gen_assignment, gen_inspection, gen_link`);

    await tx.execute(sql`
      insert into campaign (id, authority_code, authority_path, name, kind, selection, period_start, period_end, unannounced, scope_rule,
        created_by, created_at, updated_at)
      select id, code, path, name, 'quarterly', 'all', first_start, first_end, unannounced, scope_rule, ${options.recordedBy}::uuid,
        planned_at, planned_at
      from gen_campaign`);
    await tx.execute(sql`
      insert into campaign (id, authority_code, authority_path, name, kind, selection, period_start, period_end, unannounced, scope_rule,
        follow_up_of, created_by, version, created_at, updated_at)
      select follow_up_id, code, path, name || '（回头看）', 'follow_up', 'all', follow_start, follow_end, unannounced,
        jsonb_build_object('kind', 'follow_up', 'listMadeAt', to_char(list_made_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        id, ${options.recordedBy}::uuid, case when list_made_at is null then 1 else 2 end, planned_at, coalesce(list_made_at, planned_at)
      from gen_campaign`);
    await tx.execute(sql`
      insert into campaign_checklist (campaign_id, checklist_version_id, ordinal)
      select id, ${version.id}::uuid, 0 from gen_campaign union all select follow_up_id, ${version.id}::uuid, 0 from gen_campaign`);
    await tx.execute(sql`
      update checklist_version set first_used_at = (select min(planned_at) from gen_campaign)
      where id = ${version.id}::uuid and (first_used_at is null or first_used_at > (select min(planned_at) from gen_campaign))`);

    // Submitted at the end of the day's visit; every item 符合 but those the hazards found.
    await tx.execute(sql`
      insert into inspection (id, kind, campaign_id, institution_id, jurisdiction_path, authority_code, checklist_version_id, inspected_on,
        started_at, finished_at, place, inspectors, answers, non_compliant_count, hazard_count, submitted_by, submitted_at)
      select x.id, 'supervision', x.campaign_id, x.institution_id, x.jurisdiction_path, x.authority_code, ${version.id}::uuid, x.inspected_on,
        (x.inspected_on + time '09:00') at time zone 'Asia/Shanghai', (x.inspected_on + time '11:30') at time zone 'Asia/Shanghai', ${PLACE},
        (select jsonb_agg(distinct jsonb_build_object('name', (${textArray(INSPECTOR_NAMES)}::text[])[n], 'unit', x.unit)) from unnest(x.r_names) n),
        ${JSON.stringify(allCompliant)}::jsonb || coalesce(found.answers, '{}'::jsonb), coalesce(found.items, 0), coalesce(found.hazards, 0),
        ${options.recordedBy}::uuid, (x.inspected_on + time '11:40') at time zone 'Asia/Shanghai'
      from gen_inspection x
      left join (
        select l.inspection_id, count(*)::int as hazards, count(distinct l.item_key)::int as items,
          jsonb_object_agg(l.item_key, ${JSON.stringify(answerOf("non_compliant"))}::jsonb) filter (where l.item_key is not null) as answers
        from gen_link l group by l.inspection_id) found on found.inspection_id = x.id`);
    await tx.execute(sql`
      insert into campaign_assignment (campaign_id, institution_id, jurisdiction_path, window_start, window_end, state, not_applicable_reason,
        inspection_id, updated_at)
      select a.campaign_id, a.institution_id, a.jurisdiction_path, a.window_start, a.window_end, a.state,
        case when a.state = 'not_applicable' then '机构停业装修，本期不具备检查条件' end, x.id,
        coalesce((x.inspected_on + time '11:40') at time zone 'Asia/Shanghai', (a.window_start + time '08:00') at time zone 'Asia/Shanghai')
      from gen_assignment a
      left join gen_inspection x on x.campaign_id = a.campaign_id and x.institution_id = a.institution_id`);
    const linked = await tx.execute(sql`
      update hazard h set source_id = l.inspection_id, source_item_key = l.item_key from gen_link l where h.id = l.hazard_id`);

    const [counts] = (
      await tx.execute(sql`
        select (select count(*)::int * 2 from gen_campaign) as campaigns, (select count(*)::int from gen_assignment) as assignments,
          (select count(*)::int from gen_inspection) as inspections`)
    ).rows as { campaigns: number; assignments: number; inspections: number }[];
    return {
      campaigns: counts?.campaigns ?? 0,
      assignments: counts?.assignments ?? 0,
      inspections: counts?.inspections ?? 0,
      linkedHazards: linked.rowCount ?? 0,
    };
  });
}
