import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ChecklistContent } from "../../contracts/checklists";
import { campaign } from "../../db/schema";
import { answerProblem } from "../../domain/inspection-answers";
import { areaPicker, directory, makeInstitution, makeUser, setUpTestApp } from "../../test/harness";
import { coverageLedger } from "../modules/campaigns/coverage";
import { scopeInstitutions } from "../modules/campaigns/scope-rule";
import { generateHazards } from "./generate-hazards";
import { generateInspections, quartersUpTo } from "./generate-inspections";

const ctx = setUpTestApp();
const newArea = areaPicker();
const TODAY = "2026-06-10";

const rowsOf = async <Row>(query: ReturnType<typeof sql>) => (await ctx.db.execute(query)).rows as Row[];

describe("the province-scale inspection generator", () => {
  it("counts twelve quarters back from today's", () => {
    const quarters = quartersUpTo(TODAY, 12);
    expect(quarters.map((q) => q.label)).toEqual([
      ...["2023年第三季度", "2023年第四季度"],
      ...["2024年第一季度", "2024年第二季度", "2024年第三季度", "2024年第四季度"],
      ...["2025年第一季度", "2025年第二季度", "2025年第三季度", "2025年第四季度"],
      ...["2026年第一季度", "2026年第二季度"],
    ]);
  });

  it("plans each authority's quarters by the coverage rule, inspects them with the shipped checklist and ties hazards found to them", async () => {
    const area = newArea();
    const grade3 = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, grade: "grade3", beds: 1500, onDutyMedicalStaff: 1800 });
    const grade2 = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, grade: "grade2", beds: 600, onDutyMedicalStaff: 700 });
    const grade1 = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, grade: "grade1", beds: 100, onDutyMedicalStaff: 120 });
    const clinic = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, type: "village_clinic", grade: "ungraded", beds: 0 });
    const recorder = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: "410000" });
    await generateHazards(ctx.db, directory, { total: 6000, today: TODAY, recordedBy: recorder.id });
    const generated = await generateInspections(ctx.db, directory, { today: TODAY, recordedBy: recorder.id });

    // Four quarterly campaigns a year and their 回头看, for the province, every city and every county.
    const authorities = 1 + directory.children("410000").length + directory.leavesUnder("410000").filter((j) => j.level === "county").length;
    const [kinds] = await rowsOf<{ quarterly: number; follow_up: number; orphans: number; authorities: number }>(sql`
      select count(*) filter (where kind = 'quarterly')::int as quarterly, count(*) filter (where kind = 'follow_up')::int as follow_up,
        count(*) filter (where kind = 'follow_up' and follow_up_of is null)::int as orphans, count(distinct authority_code)::int as authorities
      from campaign`);
    expect(kinds).toEqual({ quarterly: authorities * 12, follow_up: authorities * 12, orphans: 0, authorities });
    expect(generated.campaigns).toBe(authorities * 24);

    // Whose campaign an institution is in: the province's 三级, the city's 二级, the county's 一级; an ungraded clinic none.
    const byAuthority = await rowsOf<{ institution_id: string; authority_code: string; quarters: number }>(sql`
      select a.institution_id, c.authority_code, count(*)::int as quarters
      from campaign_assignment a join campaign c on c.id = a.campaign_id where c.kind = 'quarterly' group by 1, 2`);
    expect(byAuthority.filter((row) => row.institution_id === clinic.id)).toEqual([]);
    expect(byAuthority.filter((row) => row.institution_id !== clinic.id).sort((a, b) => a.authority_code.localeCompare(b.authority_code))).toEqual(
      [
        { institution_id: grade3.id, authority_code: "410000", quarters: 12 },
        { institution_id: grade2.id, authority_code: area.city.code, quarters: 12 },
        { institution_id: grade1.id, authority_code: area.county.code, quarters: 12 },
      ].sort((a, b) => a.authority_code.localeCompare(b.authority_code)),
    );

    // Past windows mostly inspected, inside them; nothing after today; the 回头看 of this quarter (June) partly.
    const states = await rowsOf<{ period: string; state: string; n: number }>(sql`
      select case when a.window_end < ${TODAY} then 'past' when a.window_start > ${TODAY} then 'future' else 'current' end as period, a.state, count(*)::int as n
      from campaign_assignment a group by 1, 2`);
    const count = (period: string, state?: string) =>
      states.filter((s) => s.period === period && (!state || s.state === state)).reduce((sum, s) => sum + s.n, 0);
    expect(count("past", "inspected") / count("past")).toBeGreaterThan(0.75);
    expect(count("future", "inspected")).toBe(0);
    const [dates] = await rowsOf<{ outside: number; unlinked: number; mismatched: number }>(sql`
      select count(*) filter (where x.inspected_on not between a.window_start and a.window_end or x.inspected_on > ${TODAY})::int as outside,
        count(*) filter (where a.inspection_id is distinct from x.id)::int as unlinked,
        count(*) filter (where x.authority_code <> c.authority_code or x.jurisdiction_path <> a.jurisdiction_path)::int as mismatched
      from inspection x join campaign_assignment a on a.campaign_id = x.campaign_id and a.institution_id = x.institution_id
      join campaign c on c.id = x.campaign_id`);
    expect(dates).toEqual({ outside: 0, unlinked: 0, mismatched: 0 });
    const [counted] = await rowsOf<{ inspections: number; inspected: number }>(sql`
      select (select count(*)::int from inspection) as inspections, (select count(*)::int from campaign_assignment where state = 'inspected') as inspected`);
    expect(counted?.inspections).toBe(counted?.inspected);
    expect(generated.inspections).toBe(counted?.inspections);

    // Hazards found by an inspection: the same institution and day, the item of their category answered 不符合, the counts kept.
    const linked = await rowsOf<{ found_on: string; inspected_on: string; same_institution: boolean; item_key: string | null; category: string }>(sql`
      select h.found_on::text, x.inspected_on::text, h.institution_id = x.institution_id as same_institution, h.source_item_key as item_key, h.category
      from hazard h join inspection x on x.id = h.source_id where h.source = 'inspection'`);
    expect(linked.length).toBe(generated.linkedHazards);
    expect(linked.length).toBeGreaterThan(20);
    for (const hazard of linked) {
      expect(hazard.found_on).toBe(hazard.inspected_on);
      expect(hazard.same_institution).toBe(true);
    }
    const [version] = await rowsOf<{ content: unknown; first_used_at: string | null }>(
      sql`select v.content, v.first_used_at from checklist_version v join checklist c on c.id = v.checklist_id where c.shipped_key = 'safety_supervision'`,
    );
    const content = ChecklistContent.parse(version?.content);
    expect(version?.first_used_at).not.toBeNull();
    const categoryOf = new Map(content.sections.flatMap((s) => s.items).map((item) => [item.key, item.category]));
    for (const hazard of linked) if (hazard.item_key) expect(categoryOf.get(hazard.item_key)).toBe(hazard.category);

    // Every answer in the module's stored shape and valid against the version (photos aside: none are generated).
    const withoutPhotos = { sections: content.sections.map((s) => ({ ...s, items: s.items.map((item) => ({ ...item, photoRequired: false })) })) };
    const inspections = await rowsOf<{
      id: string;
      answers: Record<string, { result: string; note: string; photoIds: string[] }>;
      non_compliant_count: number;
      hazard_count: number;
      keys: (string | null)[];
    }>(sql`
      select x.id, x.answers, x.non_compliant_count, x.hazard_count,
        coalesce((select array_agg(h.source_item_key) from hazard h where h.source_id = x.id), '{}') as keys
      from inspection x`);
    for (const one of inspections) {
      const answers = Object.entries(one.answers).map(([itemKey, answer]) => ({ itemKey, ...answer }) as Parameters<typeof answerProblem>[1][number]);
      expect(answerProblem(withoutPhotos, answers, one.keys)).toBeNull();
      expect(Object.values(one.answers)[0]).toEqual({ result: expect.any(String), note: "", photoIds: [] });
      expect(one.hazard_count).toBe(one.keys.length);
      expect(one.non_compliant_count).toBe(answers.filter((a) => a.result === "non_compliant").length);
      // Each 不符合 is a hazard's finding.
      for (const answer of answers) if (answer.result === "non_compliant") expect(one.keys).toContain(answer.itemKey);
    }

    // A 回头看's list is what the campaigns module makes of its first round: the institutions with hazards found.
    const followUps = await ctx.db.select().from(campaign).where(sql`${campaign.kind} = 'follow_up' and ${campaign.scopeRule}->>'listMadeAt' is not null`);
    expect(followUps.length).toBeGreaterThan(0);
    let listed = 0;
    for (const row of followUps) {
      const expected = (await scopeInstitutions(ctx.db, directory, row)).map((one) => one.id);
      const actual = (await rowsOf<{ id: string }>(sql`select institution_id as id from campaign_assignment where campaign_id = ${row.id} order by 1`)).map(
        (r) => r.id,
      );
      expect(actual).toEqual(expected);
      listed += actual.length;
    }
    expect(listed).toBeGreaterThan(0);
    // This quarter's 回头看 has its list (April's round ended); next quarters have none.
    expect(followUps.every((row) => row.periodStart <= TODAY)).toBe(true);

    // The coverage ledger counts them: the county's 一级 institution is in its duty, inspected this quarter or not.
    const position = directory.positionOf(area.county.code);
    if (!position) throw new Error("no position");
    const ledger = await coverageLedger(ctx.db, directory, { kind: "jurisdiction", ...position }, undefined, TODAY);
    const [quarterInspected] = await rowsOf<{ n: number }>(sql`
      select count(distinct institution_id)::int as n from inspection where institution_id = ${grade1.id} and inspected_on between '2026-04-01' and '2026-06-30'`);
    expect(ledger.total.duty).toBe(1);
    expect(ledger.total.inspectedQuarter).toBe(quarterInspected?.n);
  });
});
