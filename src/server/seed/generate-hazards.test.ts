import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { areaPicker, directory, makeInstitution, makeUser, setUpTestApp } from "../../test/harness";
import { generateHazards } from "./generate-hazards";

const ctx = setUpTestApp();
const newArea = areaPicker();

const rowsOf = async <Row>(query: ReturnType<typeof sql>) => (await ctx.db.execute(query)).rows as Row[];

describe("the province-scale hazard generator", () => {
  it("writes a realistic, consistently numbered ledger with its events, by set-based SQL", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, beds: 800, onDutyMedicalStaff: 1000 });
    await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code, type: "village_clinic", grade: "ungraded", beds: 0, onDutyMedicalStaff: 2 });
    const recorder = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const written = await generateHazards(ctx.db, directory, { total: 3000, today: "2026-06-10", recordedBy: recorder.id });
    expect(written).toBeGreaterThan(2800);
    expect(written).toBeLessThan(3200);

    type Mix = { total: number; closed: number; major: number; overdue: number; at_hospital: number; outside_three_years: number };
    const [mix] = await rowsOf<Mix>(sql`
      select count(*)::int as total,
        count(*) filter (where state = 'closed')::int as closed,
        count(*) filter (where grade = 'major')::int as major,
        count(*) filter (where state in ('pending', 'rectifying') and deadline < '2026-06-10')::int as overdue,
        count(*) filter (where institution_id = ${hospital.id})::int as at_hospital,
        count(*) filter (where found_on < '2023-06-10' or found_on > '2026-06-10')::int as outside_three_years
      from hazard`);
    if (!mix) throw new Error("no mix");
    expect(mix.closed / mix.total).toBeGreaterThan(0.75);
    expect(mix.overdue / mix.total).toBeGreaterThan(0.01);
    expect(mix.overdue / mix.total).toBeLessThan(0.08);
    expect(mix.major).toBeGreaterThan(0);
    expect(mix.major / mix.total).toBeLessThan(0.03);
    // Spread by size: the hospital has nearly all of them, the clinic a handful.
    expect(mix.at_hospital / mix.total).toBeGreaterThan(0.9);
    expect(mix.outside_three_years).toBe(0);

    // Numbers per recording authority and year: 1, 2, … without gaps, and the serial counter at the last of each.
    const numbering = await rowsOf<{ authority: string; year: number; n: number; last: number; max_serial: number }>(sql`
      select h.authority_code as authority, h.year, h.n, s.last, h.max_serial
      from (select authority_code, extract(year from found_on)::int as year, count(*)::int as n,
              max(substring(number from '〕(\\d+)$')::int) as max_serial, count(distinct number)::int as distinct_numbers
            from hazard group by 1, 2) h
      join document_serial s on s.authority_code = h.authority_code and s.kind = 'hazard' and s.year = h.year`);
    expect(numbering.length).toBeGreaterThan(3);
    for (const group of numbering) expect(group).toMatchObject({ last: group.n, max_serial: group.n });
    const [county] = await rowsOf<{ number: string }>(sql`select number from hazard where institution_id = ${hospital.id} limit 1`);
    expect(county?.number).toMatch(new RegExp(`^${area.county.name.slice(0, 2)}.*隐患〔20\\d\\d〕\\d{4}$`));

    // Every hazard has its record event; closed ones the event that closed them; versions count them.
    const [events] = await rowsOf<Record<string, number>>(sql`
      select count(*) filter (where not exists (select 1 from hazard_event e where e.hazard_id = h.id and e.kind = 'record'))::int as unrecorded,
        count(*) filter (where h.state = 'closed' and not exists (select 1 from hazard_event e where e.hazard_id = h.id and e.kind in ('verify', 'close_on_spot')))::int as closed_without_closing,
        count(*) filter (where h.version <> (select count(*) from hazard_event e where e.hazard_id = h.id))::int as versions_off
      from hazard h`);
    expect(events).toEqual({ unrecorded: 0, closed_without_closing: 0, versions_off: 0 });

    // The indexes and keys set aside during the load are back.
    const [indexes] = await rowsOf<{ n: number }>(
      sql`select count(*)::int as n from pg_indexes where tablename = 'hazard' and indexname = 'hazard_search_grams_idx'`,
    );
    expect(indexes?.n).toBe(1);
    const [keys] = await rowsOf<{ n: number }>(sql`select count(*)::int as n from pg_constraint where conrelid = 'hazard_event'::regclass and contype = 'f'`);
    expect(keys?.n).toBe(2);
  });
});
