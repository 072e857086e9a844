import { describe, expect, it } from "vitest";
import { DEFAULT_HAZARD_SETTINGS, extensionLeadProblem, listingAuthorityCode, listingAuthorityProblem, listingClocks } from "./hazard-listing";
import { workingCalendar } from "./working-days";

const calendar = workingCalendar();
const settings = DEFAULT_HAZARD_SETTINGS;

describe("提级管理: who lists a major hazard", () => {
  it("is the level above the institution's own: a county's by its city, a city's by the province, the province's by itself", () => {
    expect(listingAuthorityCode("/410000/410200/410225/")).toBe("410200");
    expect(listingAuthorityCode("/410000/410200/")).toBe("410000");
    expect(listingAuthorityCode("/410000/")).toBe("410000");
    expect(() => listingAuthorityCode("/")).toThrow(RangeError);
  });

  it("keeps closing, extensions and regrading of a major hazard to the listing authority alone", () => {
    const major = { grade: "major" as const };
    expect(listingAuthorityProblem(major, "verify", "410225", "410200", "开封市卫生健康委员会")).toBe(
      "重大隐患实行提级管理，由开封市卫生健康委员会挂牌督办，须由其办理",
    );
    expect(listingAuthorityProblem(major, "verify", "410200", "410200", "开封市卫生健康委员会")).toBeNull();
    for (const command of ["approve_extension", "refuse_extension", "regrade"] as const) {
      expect(listingAuthorityProblem(major, command, "410225", "410200", "开封市")).not.toBeNull();
    }
    // The county still sends a rectification back, and a general hazard stays the county's own.
    expect(listingAuthorityProblem(major, "return", "410225", "410200", "开封市")).toBeNull();
    expect(listingAuthorityProblem({ grade: "general" }, "verify", "410225", "410200", "开封市")).toBeNull();
  });
});

describe("the working-day clocks of a listing", () => {
  it("run the publication clock across the 2026 Spring Festival: listed Friday 02-13, due 02-27, late from 02-28", () => {
    const listing = { listedOn: "2026-02-13", publishedOn: null, delistedOn: null, delistingPublishedOn: null };
    const [onTime] = listingClocks(calendar, settings, listing, null, "2026-02-27");
    expect(onTime).toMatchObject({ key: "publish_listing", dueOn: "2026-02-27", late: false });
    const [late] = listingClocks(calendar, settings, listing, null, "2026-02-28");
    expect(late?.late).toBe(true);
    const [done] = listingClocks(calendar, settings, { ...listing, publishedOn: "2026-03-02" }, null, "2026-03-05");
    expect(done).toMatchObject({ doneOn: "2026-03-02", late: false });
  });

  it("count a 调休 Saturday (2026-10-10) in the extension decision clock, and add the delisting clock once delisted", () => {
    const listing = { listedOn: "2026-09-01", publishedOn: "2026-09-02", delistedOn: "2026-09-28", delistingPublishedOn: null };
    const clocks = listingClocks(calendar, settings, listing, "2026-09-28", "2026-10-12");
    expect(clocks.map((clock) => clock.key)).toEqual(["publish_listing", "decide_extension", "publish_delisting"]);
    // 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12 … : the tenth working day after 09-28 is 10-16.
    expect(clocks[1]).toMatchObject({ dueOn: "2026-10-16", late: false });
    // Five working days after 09-28 end on the 调休 Saturday.
    expect(clocks[2]).toMatchObject({ dueOn: "2026-10-10", late: true });
  });

  it("a setting changes the figure", () => {
    const listing = { listedOn: "2026-06-01", publishedOn: null, delistedOn: null, delistingPublishedOn: null };
    const [clock] = listingClocks(calendar, { ...settings, listingPublishDays: 3 }, listing, null, "2026-06-04");
    expect(clock).toMatchObject({ dueOn: "2026-06-04", late: false });
  });
});

describe("an extension of a listed hazard", () => {
  it("must be asked at least 20 working days before the deadline, counting the holidays out", () => {
    // After 2026-09-10 up to 10-13 there are 19 working days: National Day is out, its 调休 Saturday 10-10 in.
    expect(extensionLeadProblem(calendar, settings, "2026-09-10", "2026-10-13")).toBe(
      "挂牌督办隐患的延期申请应在整改期限届满 20 个工作日前提出，距期限 2026-10-13 仅剩 19 个工作日",
    );
    expect(extensionLeadProblem(calendar, settings, "2026-09-10", "2026-10-14")).toBeNull();
  });
});
