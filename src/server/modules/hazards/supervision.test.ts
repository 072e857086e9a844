import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hazardListing } from "../../../db/schema";
import {
  type Agent,
  type Area,
  areaPicker,
  hazardCommand,
  makeInspectedInstitution,
  recordHazard,
  setUpTestApp,
  signedIn,
  workbookRows,
} from "../../../test/harness";
import { fixedClock } from "../../platform/clock";

// Wednesday 2026-06-10, 09:00 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

const PLAN = { measures: "更换配电柜", funds: "12 万元", deadline: "2026-09-30", responsiblePerson: "王科长", interimMeasures: "停用三楼配电间" };

/** A county's hospital with its inspector and administrator, the city's inspector, and a way to record the county's major hazard. */
async function setting(area: Area) {
  const { hospital, inspector: county, institution } = await makeInspectedInstitution(ctx, area, { name: `${area.county.name}督办测试医院` });
  const city = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code })).agent;
  const record = (overrides: Record<string, unknown> = {}) =>
    recordHazard(county, hospital.id, { description: "配电柜老化，线路裸露", grade: "major", deadline: "2026-09-30", majorPlan: PLAN, ...overrides });
  return { hospital, county, city, institution, record };
}

const act = async (agent: Agent, id: string, command: Record<string, unknown>) =>
  hazardCommand(agent, id, (await agent.get(`/api/hazards/${id}`)).json().version, command);
const step = async (agent: Agent, id: string, path: string, body: Record<string, unknown> = {}) => {
  const version = (await agent.get(`/api/hazards/${id}`)).json().version;
  return agent.post(`/api/hazards/${id}/listing${path}`, { version, ...body });
};
const queue = async (agent: Agent, view: string) => (await agent.get(`/api/hazard-listings?view=${view}`)).json();

describe("提级管理 and 挂牌督办 of a major hazard", () => {
  it("a county's major hazard is listed by its city, acknowledged by the institution, and closed only by the city", async () => {
    const area = newArea();
    const { county, city, institution, record } = await setting(area);
    const major = await record();
    expect(major.supervision).toMatchObject({ listingAuthorityCode: area.city.code, listing: null, clocks: [] });
    expect((await queue(city, "to_list")).items.map((item: { hazard: { id: string } }) => item.hazard.id)).toEqual([major.id]);
    expect((await queue(county, "requested")).items).toHaveLength(1);

    // The county cannot list it; the city can, with its own document number and deadline.
    expect((await step(county, major.id, "", { supervisingDepartment: "安全生产科", deadline: "2026-09-30" })).statusCode).toBe(403);
    const listed = await step(city, major.id, "", { supervisingDepartment: "开封市卫健委安全生产科", deadline: "2026-10-31" });
    expect(listed.statusCode).toBe(200);
    const afterListing = listed.json();
    expect(afterListing.supervision.listing.documentNumber).toMatch(/卫督〔2026〕1号$/);
    expect(afterListing.deadline).toBe("2026-10-31");
    expect(afterListing.supervision.clocks).toMatchObject([{ key: "publish_listing", dueOn: "2026-06-17", doneOn: null, late: false }]);
    expect(afterListing.events.at(-1)).toMatchObject({ kind: "list", changed: { deadline: { from: "2026-09-30", to: "2026-10-31" } } });
    expect((await step(city, major.id, "", { supervisingDepartment: "安全生产科", deadline: "2026-10-31" })).statusCode).toBe(409);
    expect((await queue(city, "to_list")).items).toEqual([]);
    expect((await queue(city, "active")).items).toHaveLength(1);

    // 签收 once, by the institution; publication recorded by the city.
    expect((await step(county, major.id, "/acknowledge")).statusCode).toBe(403);
    expect((await step(institution, major.id, "/acknowledge")).statusCode).toBe(200);
    const again = await step(institution, major.id, "/acknowledge");
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/^已于 .* 签收$/);
    const published = (await step(city, major.id, "/publish", { stage: "listing" })).json();
    expect(published.supervision.clocks[0]).toMatchObject({ doneOn: "2026-06-10", late: false });

    // The county still sends a rectification back; only the city closes it (摘牌销号).
    await act(institution, major.id, { kind: "submit", actionsTaken: "已更换配电柜", noPhotoReason: "配电间涉密" });
    expect((await act(county, major.id, { kind: "return", reason: "未附验收报告" })).statusCode).toBe(200);
    await act(institution, major.id, { kind: "submit", actionsTaken: "已更换配电柜并附验收报告", noPhotoReason: "配电间涉密" });
    const verification = { kind: "verify", verifiers: "赵六", verifiedOn: "2026-06-10", opinion: "整改到位", noPhotoReason: "配电间涉密" };
    const byCounty = await act(county, major.id, verification);
    expect(byCounty.statusCode).toBe(403);
    expect(byCounty.json().error.message).toBe(`重大隐患实行提级管理，由${area.city.authorityName}挂牌督办，须由其办理`);
    const closed = (await act(city, major.id, verification)).json();
    expect(closed.state).toBe("closed");
    expect(closed.supervision.listing).toMatchObject({ delistedOn: "2026-06-10", delistingPublishedOn: null });
    expect(closed.supervision.clocks.map((clock: { key: string }) => clock.key)).toEqual(["publish_listing", "publish_delisting"]);
    expect((await queue(city, "delisted")).items).toHaveLength(1);
    expect((await queue(city, "active")).items).toEqual([]);
    expect((await step(city, major.id, "/publish", { stage: "delisting" })).json().supervision.listing.delistingPublishedOn).toBe("2026-06-10");
  });

  it("asks a listed hazard's extension 20 working days ahead, and leaves its decision to the listing authority, which moves the listing's deadline", async () => {
    const { county, city, institution, record } = await setting(newArea());
    const near = await record({ deadline: "2026-07-01" });
    const far = await record({ deadline: "2026-09-30" });
    for (const hazard of [near, far]) await step(city, hazard.id, "", { supervisingDepartment: "安全生产科", deadline: hazard.deadline });
    const tooLate = await act(institution, near.id, { kind: "request_extension", requestedDeadline: "2026-08-01", reason: "设备未到货" });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error).toMatchObject({ field: "requestedDeadline" });
    expect(tooLate.json().error.message).toContain("20 个工作日前提出");
    expect((await act(institution, far.id, { kind: "request_extension", requestedDeadline: "2026-11-30", reason: "设备未到货" })).statusCode).toBe(200);
    const waiting = (await city.get(`/api/hazards/${far.id}`)).json();
    expect(waiting.supervision.clocks.find((clock: { key: string }) => clock.key === "decide_extension")).toMatchObject({
      startedOn: "2026-06-10",
      dueOn: "2026-06-25",
    });
    expect((await act(county, far.id, { kind: "approve_extension" })).statusCode).toBe(403);
    expect((await act(city, far.id, { kind: "approve_extension" })).json().deadline).toBe("2026-11-30");
    const [listing] = await ctx.db.select().from(hazardListing).where(eq(hazardListing.hazardId, far.id));
    expect(listing?.deadline).toBe("2026-11-30");
  });

  it("shows another county's listings to nobody outside its city", async () => {
    const area = newArea();
    const { city, record } = await setting(area);
    const major = await record();
    await step(city, major.id, "", { supervisingDepartment: "安全生产科", deadline: "2026-09-30" });
    const otherCity = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.otherCity.code })).agent;
    const neighbour = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.neighbour.code })).agent;
    for (const view of ["to_list", "active", "delisted", "requested"]) {
      expect((await queue(otherCity, view)).items).toEqual([]);
      expect((await queue(neighbour, view)).items).toEqual([]);
    }
    expect((await otherCity.post(`/api/hazards/${major.id}/listing/publish`, { version: 2, stage: "listing" })).statusCode).toBe(404);
  });
});

describe("the 挂牌督办 queue's filters, order and export", () => {
  type Item = { hazard: { number: string }; late: boolean };
  const numbersOf = async (agent: Agent, query: string) => {
    const response = await agent.get(`/api/hazard-listings?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as Item[]).map((item) => item.hazard.number);
  };
  const exported = async (agent: Agent, query: string) => {
    const response = await agent.get(`/api/hazard-listings/export?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    return workbookRows(response.rawPayload);
  };

  it("filters by text, jurisdiction, 签收 and lateness, sorts by the whitelist, and exports exactly what it lists", async () => {
    const area = newArea();
    const { city, institution, record } = await setting(area);
    const listed = await record({ description: "配电柜老化，线路裸露" });
    const oxygen = await record({ description: "氧气汇流排压力表失灵", deadline: "2026-08-31" });
    const soon = await record({ description: "锅炉安全阀未校验", deadline: "2026-07-31" });
    const overdue = await record({ description: "消防泵房积水", deadline: "2026-06-05" });
    await step(city, listed.id, "", { supervisingDepartment: "开封市卫健委安全生产科", deadline: "2026-10-31" });
    await step(institution, listed.id, "/acknowledge");

    // 紧急程度 by default: the overdue first, then by deadline; any whitelisted column either way.
    expect(await numbersOf(city, "view=to_list")).toEqual([overdue.number, soon.number, oxygen.number]);
    expect(await numbersOf(city, "view=to_list&sort=deadline&order=desc")).toEqual([oxygen.number, soon.number, overdue.number]);
    expect(await numbersOf(city, "view=to_list&sort=number")).toEqual([oxygen.number, soon.number, overdue.number]);
    expect(await numbersOf(city, "view=to_list&late=true")).toEqual([overdue.number]);
    expect(await numbersOf(city, "view=to_list&late=false")).toEqual([soon.number, oxygen.number]);
    expect(await numbersOf(city, `view=to_list&q=${encodeURIComponent("氧气")}`)).toEqual([oxygen.number]);
    expect(await numbersOf(city, `view=to_list&q=${encodeURIComponent(oxygen.number)}`)).toEqual([oxygen.number]);
    expect(await numbersOf(city, `view=active&q=${encodeURIComponent(area.county.name.slice(0, 2))}`)).toEqual([listed.number]);
    expect(await numbersOf(city, "view=active&acknowledged=true")).toEqual([listed.number]);
    expect(await numbersOf(city, "view=active&acknowledged=false")).toEqual([]);
    expect(await numbersOf(city, `view=active&jurisdictionCode=${area.county.code}`)).toEqual([listed.number]);
    expect(await numbersOf(city, `view=active&jurisdictionCode=${area.neighbour.code}`)).toEqual([]);

    // The export: the same view, filters and order as the list, every column a listing authority files.
    const active = await exported(city, "view=active");
    expect(active[0]).toEqual([
      "隐患编号",
      "被督办机构",
      "所在县（市、区）",
      "隐患描述",
      "隐患状态",
      "是否逾期",
      "挂牌督办部门",
      "挂牌文号",
      "督办责任部门",
      "挂牌日期",
      "整改时限",
      "签收时间",
      "挂牌公布日期",
      "摘牌日期",
      "摘牌公布日期",
      "法定时限",
      "是否超期",
    ]);
    expect(active).toHaveLength(2);
    const [number, institutionName, county, , state, late, authority, document, department, listedOn, deadline, acknowledgedAt, publishedOn, delistedOn] =
      active[1] ?? [];
    expect([number, institutionName, county, state, late, authority]).toEqual([
      listed.number,
      `${area.county.name}督办测试医院`,
      area.county.name,
      "待整改",
      "否",
      area.city.authorityName,
    ]);
    expect(document).toMatch(/卫督〔2026〕\d+号$/);
    expect([department, listedOn, deadline, publishedOn, delistedOn]).toEqual(["开封市卫健委安全生产科", "2026-06-10", "2026-10-31", "", ""]);
    expect(acknowledgedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(active[1]?.slice(15)).toEqual(["公布挂牌督办：应于 2026-06-17 前", "否"]);
    const toList = await exported(city, "view=to_list&sort=deadline&order=desc");
    expect(toList.slice(1).map((row) => row[0])).toEqual([oxygen.number, soon.number, overdue.number]);
    expect(toList.slice(1).map((row) => row[7])).toEqual(["待挂牌", "待挂牌", "待挂牌"]);
    expect((await exported(city, "view=to_list&late=true")).slice(1).map((row) => [row[0], row[16]])).toEqual([[overdue.number, "是"]]);
  });

  it("exports only the caller's own queue: another city's listings and a county's view never carry what it does not list", async () => {
    const area = newArea();
    const { city, county, institution, record } = await setting(area);
    const major = await record();
    await step(city, major.id, "", { supervisingDepartment: "安全生产科", deadline: "2026-09-30" });
    const otherCity = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.otherCity.code })).agent;
    for (const view of ["to_list", "active", "delisted", "requested"]) {
      expect((await exported(otherCity, `view=${view}`)).flat(), view).not.toContain(major.number);
    }
    // The county sees it among those it asked the city to list, not among its own listings.
    expect((await exported(county, "view=active")).flat()).not.toContain(major.number);
    expect((await exported(county, "view=requested")).slice(1).map((row) => row[0])).toEqual([major.number]);
    // A jurisdiction outside the caller's own narrows to nothing, never beyond the scope.
    expect((await exported(otherCity, `view=active&jurisdictionCode=${area.county.code}`)).slice(1)).toEqual([]);
    // An institution has no queue of listings.
    expect((await institution.get("/api/hazard-listings/export")).statusCode).toBe(403);
  });

  it("refuses a bad filter or sort naming the field in Chinese", async () => {
    const { city } = await setting(newArea());
    for (const [query, field, label] of [
      ["view=all", "view", "类别"],
      ["late=maybe", "late", "是否超期"],
      ["acknowledged=1", "acknowledged", "是否签收"],
      ["sort=description", "sort", "排序字段"],
      ["order=up", "order", "排序方向"],
      ["jurisdictionCode=999999", "jurisdictionCode", "行政区划"],
      ["jurisdictionCode=abc", "jurisdictionCode", "行政区划"],
    ] as const) {
      for (const path of ["/api/hazard-listings", "/api/hazard-listings/export"]) {
        const refused = await city.get(`${path}?${query}`);
        expect(refused.statusCode, `${path}?${query}`).toBe(400);
        expect(refused.json().error.field, `${path}?${query}`).toBe(field);
        expect(refused.json().error.message, `${path}?${query}`).toMatch(new RegExp(`^${label}`));
      }
    }
  });
});

describe("an authority's hazard settings", () => {
  it("number its hazards with its own prefix, and refuse a bad figure naming it", async () => {
    const area = newArea();
    const admin = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code })).agent;
    const { record } = await setting(area);
    const view = (await admin.get("/api/settings/hazards")).json();
    expect(view.settings).toEqual(view.defaults);
    expect(view.defaults).toMatchObject({ dueSoonDays: 3, listingPublishDays: 5, extensionLeadDays: 20, extensionDecisionDays: 10 });
    const bad = await admin.put("/api/settings/hazards", { ...view.settings, dueSoonDays: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("到期提醒提前天数");
    const saved = await admin.put("/api/settings/hazards", { ...view.settings, hazardPrefix: "测试县" });
    expect(saved.json().settings.hazardPrefix).toBe("测试县");
    expect((await record({ grade: "general", majorPlan: null })).number).toBe("测试县隐患〔2026〕0001");
    const inspector = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
    expect((await inspector.put("/api/settings/hazards", view.settings)).statusCode).toBe(403);
  });

  it("add a category for the authority and those below it, never twice, and refuse an unknown one", async () => {
    const area = newArea();
    const cityAdmin = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code })).agent;
    const otherCityAdmin = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.otherCity.code })).agent;
    const { record, institution } = await setting(area);
    const added = await cityAdmin.post("/api/hazard-categories", { name: "电梯安全" });
    expect(added.statusCode).toBe(201);
    expect(added.json().at(-1)).toMatchObject({ value: "电梯安全", addedBy: area.city.authorityName });
    expect((await cityAdmin.post("/api/hazard-categories", { name: "电梯安全" })).statusCode).toBe(409);
    expect((await cityAdmin.post("/api/hazard-categories", { name: "消防安全" })).statusCode).toBe(409);
    expect((await record({ grade: "general", majorPlan: null, category: "电梯安全" })).category).toBe("电梯安全");
    expect((await institution.get("/api/hazard-categories")).json().map((item: { label: string }) => item.label)).toContain("电梯安全");
    expect((await otherCityAdmin.get("/api/hazard-categories")).json().map((item: { label: string }) => item.label)).not.toContain("电梯安全");
    const { county } = await setting(area);
    const unknown = await county.post("/api/hazards", { category: "不存在的类别" });
    expect(unknown.statusCode).toBe(400);
  });

  it("let the system administrator correct the working-day calendar, which moves a listing's clock", async () => {
    const area = newArea();
    const { city, record } = await setting(area);
    const sysadmin = (await signedIn(ctx, { role: "system_admin" })).agent;
    const major = await record();
    await step(city, major.id, "", { supervisingDepartment: "安全生产科", deadline: "2026-09-30" });
    expect((await city.get(`/api/hazards/${major.id}`)).json().supervision.clocks[0].dueOn).toBe("2026-06-17");
    const corrected = await sysadmin.put("/api/calendar-corrections/2026-06-12", { kind: "holiday", note: "测试：当地放假" });
    expect(corrected.json()).toContainEqual({ day: "2026-06-12", kind: "holiday", note: "测试：当地放假" });
    expect((await city.get(`/api/hazards/${major.id}`)).json().supervision.clocks[0].dueOn).toBe("2026-06-18");
    expect((await city.put("/api/calendar-corrections/2026-06-15", { kind: "holiday", note: "" })).statusCode).toBe(403);
    expect((await sysadmin.request("DELETE", "/api/calendar-corrections/2026-06-12")).json()).not.toContainEqual(
      expect.objectContaining({ day: "2026-06-12" }),
    );
  });

  it("lists the calendar's corrections a page at a time, of one year and one kind, by day either way, and names a bad year", async () => {
    const sysadmin = (await signedIn(ctx, { role: "system_admin" })).agent;
    // Years no listing of these tests runs in, so no clock moves.
    const corrections = [
      ["2027-10-09", "workday"],
      ["2027-02-06", "holiday"],
      ["2028-01-29", "workday"],
    ];
    for (const [day, kind] of corrections) expect((await sysadmin.put(`/api/calendar-corrections/${day}`, { kind, note: "" })).statusCode).toBe(200);
    const listed = async (query: string) => (await sysadmin.get(`/api/calendar-corrections?${query}`)).json();
    const daysOf = async (query: string) => (await listed(query)).items.map((item: { day: string }) => item.day);

    expect(await listed("year=2027")).toMatchObject({
      total: 2,
      page: 1,
      pageSize: 20,
      items: [{ day: "2027-02-06", kind: "holiday" }, { day: "2027-10-09" }],
    });
    expect(await daysOf("year=2027&sort=day&order=desc")).toEqual(["2027-10-09", "2027-02-06"]);
    expect(await daysOf("year=2028&kind=workday")).toEqual(["2028-01-29"]);
    expect(await daysOf("year=2027&kind=workday")).toEqual(["2027-10-09"]);
    expect(await listed("year=2027&pageSize=1&page=2")).toMatchObject({ total: 2, items: [{ day: "2027-10-09" }] });
    const refused = await sysadmin.get("/api/calendar-corrections?year=1999");
    expect([refused.statusCode, refused.json().error.field, refused.json().error.message]).toEqual([400, "year", expect.stringMatching(/^年份/)]);

    for (const [day] of corrections) await sysadmin.request("DELETE", `/api/calendar-corrections/${day}`);
    expect(await listed("year=2027")).toMatchObject({ total: 0, items: [] });
  });
});
