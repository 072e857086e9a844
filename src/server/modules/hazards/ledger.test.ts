import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { HAZARD_EXPORT_INLINE_LIMIT } from "../../../contracts/hazards";
import type { hazard, institution } from "../../../db/schema";
import {
  type Agent,
  type Area,
  areaPicker,
  makeHazard,
  makeInspectedInstitution,
  makeInstitution,
  setUpTestApp,
  signedIn,
  workbookRows,
} from "../../../test/harness";
import { fixedClock } from "../../platform/clock";

// 2026-06-10 09:00 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

type Institution = typeof institution.$inferSelect;
type HazardInsert = typeof hazard.$inferInsert;

/**
 * The ledger's ordinary hazard — a broken road light, category 其他 — so that the filters and
 * searches below single out the rows a test sets apart with `overrides`.
 */
const hazardOf = (owner: Institution, recordedBy: string, overrides: Partial<HazardInsert> = {}) =>
  makeHazard(
    ctx.db,
    { institution: owner, recordedBy: { id: recordedBy } },
    { place: "门诊楼", category: "other", description: "院区道路照明损坏", ...overrides },
  );

/** A county with two institutions of different kinds, its inspector and the hospital's administrator. */
async function county(area: Area) {
  const { hospital, inspector, inspectorUser, institution } = await makeInspectedInstitution(ctx, area, { type: "general_hospital", grade: "grade2" });
  const clinic = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, type: "village_clinic", grade: "ungraded" });
  return { hospital, clinic, inspector, recorder: inspectorUser.id, hospitalUser: institution };
}

const idsOf = async (agent: Agent, query: string) => {
  const response = await agent.get(`/api/hazards?pageSize=100&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { id: string }[]).map((h) => h.id).sort();
};
const sorted = (...rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("the ledger's filters", () => {
  it("selects by state, grade, category, source, institution, institution type and grade, and found date", async () => {
    const { hospital, clinic, inspector, recorder } = await county(newArea());
    const plain = await hazardOf(hospital, recorder);
    const closed = await hazardOf(hospital, recorder, { state: "closed", foundOn: "2026-03-15" });
    const major = await hazardOf(hospital, recorder, { grade: "major", category: "fire", source: "inspection", foundOn: "2026-05-20" });
    const atClinic = await hazardOf(clinic, recorder, { category: "fire", source: "self_inspection", state: "awaiting_review" });

    expect(await idsOf(inspector, "")).toEqual(sorted(plain, closed, major, atClinic));
    expect(await idsOf(inspector, "state=closed")).toEqual(sorted(closed));
    expect(await idsOf(inspector, "state=awaiting_review")).toEqual(sorted(atClinic));
    expect(await idsOf(inspector, "grade=major")).toEqual(sorted(major));
    expect(await idsOf(inspector, "category=fire")).toEqual(sorted(major, atClinic));
    expect(await idsOf(inspector, "source=self_inspection")).toEqual(sorted(atClinic));
    expect(await idsOf(inspector, "source=direct")).toEqual(sorted(plain, closed));
    expect(await idsOf(inspector, `institutionId=${clinic.id}`)).toEqual(sorted(atClinic));
    expect(await idsOf(inspector, "institutionType=general_hospital")).toEqual(sorted(plain, closed, major));
    expect(await idsOf(inspector, "institutionType=village_clinic&category=fire")).toEqual(sorted(atClinic));
    expect(await idsOf(inspector, "institutionGrade=grade2")).toEqual(sorted(plain, closed, major));
    expect(await idsOf(inspector, "foundFrom=2026-05-01")).toEqual(sorted(plain, major, atClinic));
    expect(await idsOf(inspector, "foundTo=2026-05-20")).toEqual(sorted(closed, major));
    expect(await idsOf(inspector, "foundFrom=2026-05-20&foundTo=2026-05-20")).toEqual(sorted(major));
  });

  it("selects overdue hazards by today's date in China, and the rest with overdue=false", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    const late = await hazardOf(hospital, recorder, { deadline: "2026-06-09" });
    const lateRectifying = await hazardOf(hospital, recorder, { deadline: "2026-06-01", state: "rectifying" });
    const dueToday = await hazardOf(hospital, recorder, { deadline: "2026-06-10" });
    const lateButSubmitted = await hazardOf(hospital, recorder, { deadline: "2026-06-01", state: "awaiting_review" });
    const onSpot = await hazardOf(hospital, recorder, { handling: "on_the_spot", deadline: null, state: "closed" });
    expect(await idsOf(inspector, "overdue=true")).toEqual(sorted(late, lateRectifying));
    expect(await idsOf(inspector, "overdue=false")).toEqual(sorted(dueToday, lateButSubmitted, onSpot));
    const page = (await inspector.get(`/api/hazards?overdue=true`)).json();
    expect(page.items.every((h: { overdue: boolean }) => h.overdue)).toBe(true);
  });

  it("narrows to a jurisdiction within the caller's own, and never beyond it", async () => {
    const area = newArea();
    const a = await county(area);
    const neighbour = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const inA = await hazardOf(a.hospital, a.recorder);
    const inNeighbour = await hazardOf(neighbour, a.recorder);
    const cityAdmin = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code })).agent;
    expect(await idsOf(cityAdmin, "")).toEqual(sorted(inA, inNeighbour));
    expect(await idsOf(cityAdmin, `jurisdictionCode=${area.county.code}`)).toEqual(sorted(inA));
    expect(await idsOf(cityAdmin, `jurisdictionCode=${area.neighbour.code}`)).toEqual(sorted(inNeighbour));
    // The county's inspector asking for the neighbour gets nothing, not the neighbour's ledger.
    expect(await idsOf(a.inspector, `jurisdictionCode=${area.neighbour.code}`)).toEqual([]);
    expect(await idsOf(a.inspector, `jurisdictionCode=${area.city.code}`)).toEqual(sorted(inA));
    const unknown = await a.inspector.get("/api/hazards?jurisdictionCode=999999");
    expect(unknown.statusCode).toBe(400);
  });

  it("finds two-character Chinese terms (消防, 电线, 氧气) in the place or the description, and longer terms whole", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    const fire = await hazardOf(hospital, recorder, { place: "消防控制室", description: "值班人员无证上岗" });
    const wires = await hazardOf(hospital, recorder, { place: "配电间", description: "电线老化破损，绝缘层开裂" });
    const oxygen = await hazardOf(hospital, recorder, { place: "病区", description: "氧气瓶未固定，无防倾倒措施" });
    const other = await hazardOf(hospital, recorder, { place: "电梯", description: "线路标识不清，气压不足" });
    const ascii = await hazardOf(hospital, recorder, { place: "PCR实验室", description: "生物安全柜未检测 100%完成" });
    expect(await idsOf(inspector, `q=${encodeURIComponent("消防")}`)).toEqual(sorted(fire));
    expect(await idsOf(inspector, `q=${encodeURIComponent("电线")}`)).toEqual(sorted(wires));
    expect(await idsOf(inspector, `q=${encodeURIComponent("氧气")}`)).toEqual(sorted(oxygen));
    // One character; a longer term matched whole, not as scattered pairs (电梯 … 线路 … 气压 has 电, 线, 气 but not 电线).
    expect(await idsOf(inspector, `q=${encodeURIComponent("梯")}`)).toEqual(sorted(other));
    expect(await idsOf(inspector, `q=${encodeURIComponent("绝缘层开裂")}`)).toEqual(sorted(wires));
    expect(await idsOf(inspector, `q=${encodeURIComponent("配电间电线")}`)).toEqual([]);
    // Case does not matter; % is a character, not a wildcard.
    expect(await idsOf(inspector, "q=pcr")).toEqual(sorted(ascii));
    expect(await idsOf(inspector, `q=${encodeURIComponent("0%完")}`)).toEqual(sorted(ascii));
    expect(await idsOf(inspector, `q=${encodeURIComponent("0%成")}`)).toEqual([]);
  });
});

describe("the ledger's order and pages", () => {
  it("sorts by the whitelist only, and refuses any other column in Chinese", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    const early = await hazardOf(hospital, recorder, { foundOn: "2026-05-01", deadline: "2026-07-30", state: "rectifying" });
    const late = await hazardOf(hospital, recorder, { foundOn: "2026-06-05", deadline: "2026-06-20", state: "pending" });
    const onSpot = await hazardOf(hospital, recorder, { foundOn: "2026-05-10", handling: "on_the_spot", deadline: null, state: "closed" });
    const order = async (query: string) => ((await inspector.get(`/api/hazards?${query}`)).json().items as { id: string }[]).map((h) => h.id);
    expect(await order("")).toEqual([late.id, onSpot.id, early.id]);
    expect(await order("sort=foundOn&order=asc")).toEqual([early.id, onSpot.id, late.id]);
    // Without a deadline (on the spot) last.
    expect(await order("sort=deadline")).toEqual([late.id, early.id, onSpot.id]);
    expect(await order("sort=deadline&order=desc")).toEqual([onSpot.id, early.id, late.id]);
    expect(await order("sort=state")).toEqual([late.id, early.id, onSpot.id]);
    expect(await order("sort=number")).toEqual([early.id, late.id, onSpot.id]);
    const refused = await inspector.get("/api/hazards?sort=description");
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: "sort" });
    expect(refused.json().error.message).toMatch(/^排序字段/);
  });

  it("pages with keyset cursors through equal sort keys without a duplicate or a gap, in every order", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    const all: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Three days and two deadlines only: most rows share their sort key with others.
      const row = await hazardOf(hospital, recorder, { foundOn: `2026-06-0${1 + (i % 3)}`, deadline: i % 2 ? "2026-06-30" : "2026-07-15" });
      all.push(row.id);
    }
    for (const query of ["", "sort=foundOn&order=asc", "sort=deadline", "sort=deadline&order=desc", "sort=state", "sort=number&order=desc"]) {
      const seen: string[] = [];
      const offsetPages: string[] = [];
      let cursor: string | null = null;
      for (let page = 1; page <= 5; page++) {
        const after: string = cursor ? `&after=${encodeURIComponent(cursor)}` : "";
        const body = (await inspector.get(`/api/hazards?pageSize=5&${query}${after}`)).json();
        seen.push(...body.items.map((h: { id: string }) => h.id));
        offsetPages.push(...(await inspector.get(`/api/hazards?pageSize=5&page=${page}&${query}`)).json().items.map((h: { id: string }) => h.id));
        cursor = body.nextCursor;
        if (page < 5) expect(cursor, query).not.toBeNull();
      }
      expect(cursor, query).toBeNull();
      expect(new Set(seen).size, query).toBe(23);
      expect([...seen].sort(), query).toEqual([...all].sort());
      // The same order as numbered pages.
      expect(seen, query).toEqual(offsetPages);
    }
  });

  it("refuses a cursor that is malformed or made for another order", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    for (let i = 0; i < 3; i++) await hazardOf(hospital, recorder);
    const { nextCursor } = (await inspector.get("/api/hazards?pageSize=2")).json();
    expect(nextCursor).toEqual(expect.any(String));
    for (const query of [`sort=deadline&after=${nextCursor}`, "after=abc", `after=${Buffer.from('["foundOn:desc","x","y"]').toString("base64url")}`]) {
      const refused = await inspector.get(`/api/hazards?pageSize=2&${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error).toMatchObject({ field: "after" });
    }
  });

  it("counts up to the export limit and says when it stopped", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    await hazardOf(hospital, recorder);
    await ctx.db.execute(sql`
      insert into hazard (number, authority_code, institution_id, jurisdiction_path, found_on, finders, place, category, description,
        grade, handling, deadline, responsible_person, recorded_by)
      select '批量隐患' || ${hospital.id} || '-' || n, ${hospital.jurisdictionCode}, ${hospital.id}, ${hospital.jurisdictionPath}, '2026-01-01', '李明',
        '库房', 'other', '批量', 'general', 'by_deadline', '2026-02-01', '王科长', ${recorder}
      from generate_series(1, ${HAZARD_EXPORT_INLINE_LIMIT}) n`);
    const page = (await inspector.get("/api/hazards")).json();
    expect(page).toMatchObject({ total: HAZARD_EXPORT_INLINE_LIMIT, totalCapped: true });
    // A term tested row by row (within a county) stops counting sooner.
    expect((await inspector.get(`/api/hazards?q=${encodeURIComponent("批量")}`)).json()).toMatchObject({ total: 1000, totalCapped: true });
    expect((await inspector.get("/api/hazards?state=pending&category=other")).json()).toMatchObject({ total: HAZARD_EXPORT_INLINE_LIMIT, totalCapped: true });
    const tooMany = await inspector.get("/api/hazards/export");
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.message).toContain("后台导出");
    // Filtered below the limit, it answers at once.
    expect((await inspector.get(`/api/hazards/export?q=${encodeURIComponent("道路")}`)).statusCode).toBe(200);
  });
});

describe("deep pages of the ledger", () => {
  it("numbers pages only within the counted window, refusing a deeper page in Chinese, and goes on past it by cursor", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    await ctx.db.execute(sql`
      insert into hazard (number, authority_code, institution_id, jurisdiction_path, found_on, finders, place, category, description,
        grade, handling, deadline, responsible_person, recorded_by)
      select '深页隐患' || ${hospital.id} || '-' || lpad(n::text, 5, '0'), ${hospital.jurisdictionCode}, ${hospital.id}, ${hospital.jurisdictionPath},
        '2026-01-01', '李明', '库房', 'other', '深页', 'general', 'by_deadline', '2026-02-01', '王科长', ${recorder}
      from generate_series(1, ${HAZARD_EXPORT_INLINE_LIMIT + 5}) n`);

    // The last numbered page of each size ends at the 10,000th row; one page further is refused, naming 页码 and the way on.
    for (const pageSize of [20, 100]) {
      const last = HAZARD_EXPORT_INLINE_LIMIT / pageSize;
      expect((await inspector.get(`/api/hazards?pageSize=${pageSize}&page=${last}`)).statusCode, `pageSize ${pageSize}`).toBe(200);
      const beyond = await inspector.get(`/api/hazards?pageSize=${pageSize}&page=${last + 1}`);
      expect(beyond.statusCode, `pageSize ${pageSize}`).toBe(400);
      expect(beyond.json().error.field).toBe("page");
      expect(beyond.json().error.message).toMatch(/^页码：/);
      expect(beyond.json().error.message).toContain(`第 ${last} 页`);
      expect(beyond.json().error.message).toContain("nextCursor 作为 after");
      expect(beyond.json().error.message).toContain("缩小查询条件");
    }
    expect((await inspector.get("/api/hazards?pageSize=100&page=100000")).statusCode).toBe(400);

    // Past the window the cursor of the last numbered page goes on; `page` then only numbers the page.
    const lastNumbered = (await inspector.get("/api/hazards?pageSize=100&page=100&sort=number")).json();
    expect(lastNumbered).toMatchObject({ total: HAZARD_EXPORT_INLINE_LIMIT, totalCapped: true, nextCursor: expect.any(String) });
    const deeper = await inspector.get(`/api/hazards?pageSize=100&page=101&sort=number&after=${lastNumbered.nextCursor}`);
    expect(deeper.statusCode).toBe(200);
    const numbers = (deeper.json().items as { number: string }[]).map((h) => h.number);
    expect(numbers).toEqual([1, 2, 3, 4, 5].map((n) => `深页隐患${hospital.id}-${String(HAZARD_EXPORT_INLINE_LIMIT + n).padStart(5, "0")}`));
    expect(deeper.json()).toMatchObject({ page: 101, nextCursor: null });
  });
});

/** Asks for a background export and waits until it has finished (the job queue polls every second). */
async function exportInBackground(agent: Agent, filters: Record<string, string>) {
  const created = await agent.post("/api/hazards/export-jobs", filters);
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json();
  for (let i = 0; i < 60; i++) {
    const job = (await agent.get(`/api/export-jobs/${id}`)).json();
    if (job.state === "done" || job.state === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the export job did not finish in 30 s");
}

describe("exporting the ledger", () => {
  it("exports the filtered ledger in its order, with the rows' labels, and audits it", async () => {
    const { hospital, inspector, recorder } = await county(newArea());
    const wires = await hazardOf(hospital, recorder, { description: "电线老化", category: "electrical", foundOn: "2026-05-02" });
    await hazardOf(hospital, recorder, { description: "道路积水" });
    const overdue = await hazardOf(hospital, recorder, { description: "电线裸露", category: "electrical", deadline: "2026-06-01", foundOn: "2026-05-01" });
    const response = await inspector.get(`/api/hazards/export?q=${encodeURIComponent("电线")}&sort=foundOn&order=desc`);
    expect(response.statusCode).toBe(200);
    const rows = await workbookRows(response.rawPayload);
    expect(rows[0]?.slice(0, 4)).toEqual(["隐患编号", "被检查机构", "所在县（市、区）", "发现日期"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([wires.number, overdue.number]);
    expect(rows[2]).toContain("用电安全");
    expect(rows[2]?.[11]).toBe("是");
  });

  it("runs a large export in the background for its owner alone, with the scope they had when asking", async () => {
    const area = newArea();
    const { hospital, inspector, recorder } = await county(area);
    const neighbour = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const mine = await hazardOf(hospital, recorder, { description: "消防栓被遮挡" });
    const theirs = await hazardOf(neighbour, recorder, { description: "消防栓被遮挡" });
    const job = await exportInBackground(inspector, { q: "消防" });
    expect(job).toMatchObject({ state: "done", rowsDone: 1, rowsTotal: 1 });
    const file = await inspector.get(`/api/export-jobs/${job.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    const numbers = (await workbookRows(file.rawPayload)).slice(1).map((r) => r[0]);
    expect(numbers).toEqual([mine.number]);
    expect(numbers).not.toContain(theirs.number);

    // Nobody else reads its progress or its file, not even a colleague of the same county.
    const colleague = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
    expect((await colleague.get(`/api/export-jobs/${job.id}`)).statusCode).toBe(404);
    expect((await colleague.get(`/api/export-jobs/${job.id}/file`)).statusCode).toBe(404);
  });

  it("keeps an institution's export to its own hazards, and a county's to its county, at once and in the background", async () => {
    const area = newArea();
    const a = await county(area);
    const otherHere = await hazardOf(a.clinic, a.recorder, { description: "宿舍违规用电" });
    const own = await hazardOf(a.hospital, a.recorder, { description: "宿舍违规用电" });
    const neighbour = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const elsewhere = await hazardOf(neighbour, a.recorder, { description: "宿舍违规用电" });
    const inline = await workbookRows((await a.hospitalUser.get("/api/hazards/export")).rawPayload);
    expect(inline.slice(1).map((r) => r[0])).toEqual([own.number]);
    const job = await exportInBackground(a.hospitalUser, {});
    const background = await workbookRows((await a.hospitalUser.get(`/api/export-jobs/${job.id}/file`)).rawPayload);
    expect(background.slice(1).map((r) => r[0])).toEqual([own.number]);
    const countyRows = await workbookRows((await a.inspector.get(`/api/hazards/export?q=${encodeURIComponent("宿舍")}`)).rawPayload);
    expect(
      countyRows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([own.number, otherHere.number].sort());
    expect(countyRows.flat()).not.toContain(elsewhere.number);
    expect((await a.hospitalUser.get(`/api/hazards?q=${encodeURIComponent("宿舍")}`)).json().items).toHaveLength(1);
  });

  it("answers 409 for the file of a job not yet done", async () => {
    const { inspector } = await county(newArea());
    const created = (await inspector.post("/api/hazards/export-jobs", { state: "closed" })).json();
    const early = await inspector.get(`/api/export-jobs/${created.id}/file`);
    // It may already have finished on a fast machine; before that, 409 naming the state.
    if (early.statusCode !== 200) {
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toMatch(/^导出任务当前状态为「(排队中|导出中)」/);
    }
  });
});
