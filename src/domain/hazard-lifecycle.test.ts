import { describe, expect, it } from "vitest";
import { chinaDay } from "./calendar";
import {
  commandsOpenTo,
  daysOverdue,
  decide,
  HAZARD_COMMANDS,
  HAZARD_STATES,
  type HazardCommand,
  type HazardCommandKind,
  type HazardFacts,
  type HazardSide,
  type HazardState,
  isOverdue,
  type MajorHazardPlan,
  newHazardProblem,
  recordedHazard,
} from "./hazard-lifecycle";

const TODAY = "2026-06-10";
const PLAN: MajorHazardPlan = {
  measures: "更换配电柜",
  funds: "12 万元",
  deadline: "2026-07-31",
  responsiblePerson: "王科长",
  interimMeasures: "停用三楼配电间，设专人值守",
};

const hazard = (facts: Partial<HazardFacts> = {}): HazardFacts => ({
  state: "pending",
  grade: "general",
  handling: "by_deadline",
  deadline: "2026-06-30",
  round: 0,
  pendingExtension: null,
  majorPlan: null,
  ...facts,
});

/** A command of each kind with the content it needs. */
const VALID: Record<HazardCommandKind, HazardCommand> = {
  start: { kind: "start" },
  submit: { kind: "submit", actionsTaken: "已更换破损插座", evidence: { photoCount: 2 } },
  return: { kind: "return", reason: "照片看不出已更换" },
  verify: { kind: "verify", verification: { verifiers: "李明、张强", verifiedOn: TODAY, opinion: "整改到位", photoCount: 1 } },
  close_on_spot: { kind: "close_on_spot", photoCount: 1 },
  request_extension: { kind: "request_extension", requestedDeadline: "2026-07-15", reason: "配件到货需三周" },
  approve_extension: { kind: "approve_extension" },
  refuse_extension: { kind: "refuse_extension", reason: "可先采取临时措施" },
  regrade: { kind: "regrade", grade: "major", reason: "涉及整栋楼供电", plan: PLAN },
  void: { kind: "void", reason: "重复录入" },
};

/** The hazard each command is tried on: what it needs besides the state. */
const fixture = (kind: HazardCommandKind, state: HazardState): HazardFacts => {
  if (kind === "close_on_spot") return hazard({ state, handling: "on_the_spot", deadline: null });
  if (kind === "approve_extension" || kind === "refuse_extension") {
    return hazard({ state, pendingExtension: { requestedDeadline: "2026-07-15", reason: "配件到货需三周", requestedOn: "2026-06-10" } });
  }
  return hazard({ state });
};

/** The state each command leaves an allowed hazard in. */
const NEXT_STATE: Record<HazardCommandKind, (from: HazardState) => HazardState> = {
  start: () => "rectifying",
  submit: () => "awaiting_review",
  return: () => "rectifying",
  verify: () => "closed",
  close_on_spot: () => "closed",
  request_extension: (from) => from,
  approve_extension: (from) => from,
  refuse_extension: (from) => from,
  regrade: (from) => from,
  void: () => "voided",
};

const STATES = Object.keys(HAZARD_STATES) as HazardState[];
const KINDS = Object.keys(HAZARD_COMMANDS) as HazardCommandKind[];

describe("every command in every state", () => {
  const cases = KINDS.flatMap((kind) => STATES.map((state) => [kind, state] as const));
  it.each(cases)("%s from %s: allowed exactly where the rules say, refused naming the state elsewhere", (kind, state) => {
    const rule = HAZARD_COMMANDS[kind];
    const decision = decide(fixture(kind, state), rule.side, VALID[kind], TODAY);
    if (rule.from.includes(state)) {
      expect(decision).toMatchObject({ ok: true, after: { state: NEXT_STATE[kind](state) } });
    } else {
      expect(decision).toEqual({ ok: false, refusal: { kind: "conflict", message: `隐患当前状态为「${HAZARD_STATES[state]}」，不能${rule.label}` } });
    }
  });

  it.each(KINDS)("%s by the other side is refused whatever the state", (kind) => {
    const rule = HAZARD_COMMANDS[kind];
    const other: HazardSide = rule.side === "authority" ? "institution" : "authority";
    for (const state of STATES) {
      const decision = decide(fixture(kind, state), other, VALID[kind], TODAY);
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.refusal.kind).toBe("forbidden");
    }
  });

  it("closed and voided hazards accept nothing: nothing is rewritten after the end", () => {
    for (const state of ["closed", "voided"] as const) {
      for (const kind of KINDS) expect(decide(fixture(kind, state), HAZARD_COMMANDS[kind].side, VALID[kind], TODAY).ok).toBe(false);
    }
  });
});

describe("the review rounds", () => {
  it("each submission opens a new round; a return sends it back for the next one", () => {
    let facts = hazard();
    const step = (side: HazardSide, command: HazardCommand) => {
      const decision = decide(facts, side, command, TODAY);
      if (!decision.ok) throw new Error(decision.refusal.message);
      facts = decision.after;
      return decision;
    };
    step("institution", VALID.start);
    expect(step("institution", VALID.submit).changed).toEqual(["state", "round"]);
    expect(facts).toMatchObject({ state: "awaiting_review", round: 1 });
    step("authority", VALID.return);
    expect(facts).toMatchObject({ state: "rectifying", round: 1 });
    step("institution", VALID.submit);
    expect(facts).toMatchObject({ state: "awaiting_review", round: 2 });
    step("authority", VALID.verify);
    expect(facts.state).toBe("closed");
  });
});

describe("gates on content", () => {
  const refusal = (facts: HazardFacts, side: HazardSide, command: HazardCommand) => {
    const decision = decide(facts, side, command, TODAY);
    return decision.ok ? null : decision.refusal;
  };

  it("a rectification needs what was done, and a photo or the reason there is none", () => {
    expect(refusal(hazard(), "institution", { kind: "submit", actionsTaken: "  ", evidence: { photoCount: 1 } })).toMatchObject({ field: "actionsTaken" });
    expect(refusal(hazard(), "institution", { kind: "submit", actionsTaken: "已整改", evidence: { photoCount: 0 } })).toEqual({
      kind: "invalid",
      field: "photoIds",
      message: "整改后照片：请上传至少一张照片，或说明无法拍照的原因",
    });
    expect(
      refusal(hazard(), "institution", { kind: "submit", actionsTaken: "已整改", evidence: { photoCount: 0, noPhotoReason: "制度类问题，已修订制度" } }),
    ).toBeNull();
  });

  it("closing needs a verification: who, when (not in the future), the opinion, and evidence", () => {
    const review = hazard({ state: "awaiting_review", round: 1 });
    const verification = { verifiers: "李明", verifiedOn: TODAY, opinion: "整改到位", photoCount: 1 };
    expect(refusal(review, "authority", { kind: "verify", verification: { ...verification, verifiers: "" } })).toMatchObject({ field: "verifiers" });
    expect(refusal(review, "authority", { kind: "verify", verification: { ...verification, opinion: "" } })).toMatchObject({ field: "opinion" });
    expect(refusal(review, "authority", { kind: "verify", verification: { ...verification, verifiedOn: "2026-06-11" } })).toMatchObject({
      field: "verifiedOn",
    });
    expect(refusal(review, "authority", { kind: "verify", verification: { ...verification, photoCount: 0 } })).toMatchObject({ field: "photoIds" });
  });

  it("a return, a refused extension, a regrade and a void each need a reason", () => {
    expect(refusal(hazard({ state: "awaiting_review" }), "authority", { kind: "return", reason: "" })).toMatchObject({ field: "reason" });
    const requested = hazard({ pendingExtension: { requestedDeadline: "2026-07-15", reason: "等配件", requestedOn: "2026-06-10" } });
    expect(refusal(requested, "authority", { kind: "refuse_extension", reason: " " })).toMatchObject({ field: "reason" });
    expect(refusal(hazard(), "authority", { kind: "regrade", grade: "major", reason: "", plan: PLAN })).toMatchObject({ field: "reason" });
    expect(refusal(hazard(), "authority", { kind: "void", reason: "" })).toMatchObject({ field: "reason" });
  });

  it("only a hazard handled on the spot is closed at once, and only with an after photo", () => {
    expect(refusal(hazard(), "authority", VALID.close_on_spot)).toMatchObject({ kind: "conflict" });
    const onSpot = hazard({ handling: "on_the_spot", deadline: null });
    expect(refusal(onSpot, "authority", { kind: "close_on_spot", photoCount: 0 })).toMatchObject({ field: "photoIds" });
  });
});

describe("extensions", () => {
  it("an approval moves the deadline to the date asked, or to the one the authority sets", () => {
    const requested = hazard({ pendingExtension: { requestedDeadline: "2026-07-15", reason: "等配件", requestedOn: "2026-06-10" } });
    expect(decide(requested, "authority", { kind: "approve_extension" }, TODAY)).toMatchObject({
      ok: true,
      after: { deadline: "2026-07-15", pendingExtension: null },
      changed: ["deadline", "pendingExtension"],
    });
    expect(decide(requested, "authority", { kind: "approve_extension", deadline: "2026-07-05" }, TODAY)).toMatchObject({ after: { deadline: "2026-07-05" } });
    expect(decide(requested, "authority", { kind: "approve_extension", deadline: "2026-06-20" }, TODAY)).toMatchObject({
      ok: false,
      refusal: { field: "deadline" },
    });
  });

  it("a request asks for a later deadline, one at a time, and never for a hazard handled on the spot", () => {
    expect(decide(hazard(), "institution", { kind: "request_extension", requestedDeadline: "2026-06-30", reason: "等配件" }, TODAY)).toMatchObject({
      ok: false,
      refusal: { field: "requestedDeadline" },
    });
    const waiting = hazard({ pendingExtension: { requestedDeadline: "2026-07-15", reason: "等配件", requestedOn: "2026-06-10" } });
    expect(decide(waiting, "institution", VALID.request_extension, TODAY)).toMatchObject({ ok: false, refusal: { kind: "conflict" } });
    expect(decide(hazard({ handling: "on_the_spot", deadline: null }), "institution", VALID.request_extension, TODAY)).toMatchObject({
      ok: false,
      refusal: { kind: "conflict" },
    });
    expect(decide(hazard(), "authority", { kind: "refuse_extension", reason: "不同意" }, TODAY)).toMatchObject({ ok: false, refusal: { kind: "conflict" } });
  });
});

describe("grades", () => {
  it("upgrading to 重大 needs the whole 五落实 plan; downgrading keeps the plan on record", () => {
    expect(decide(hazard(), "authority", { kind: "regrade", grade: "major", reason: "影响整栋楼" }, TODAY)).toMatchObject({
      ok: false,
      refusal: { field: "majorPlan" },
    });
    expect(decide(hazard(), "authority", { kind: "regrade", grade: "major", reason: "影响整栋楼", plan: { ...PLAN, funds: "" } }, TODAY)).toMatchObject({
      ok: false,
      refusal: { field: "majorPlan.funds", message: "整改资金：重大隐患的“五落实”方案须填写" },
    });
    const major = decide(hazard(), "authority", VALID.regrade, TODAY);
    expect(major).toMatchObject({ ok: true, after: { grade: "major", majorPlan: PLAN } });
    const down = decide(hazard({ grade: "major", majorPlan: PLAN }), "authority", { kind: "regrade", grade: "general", reason: "经评估影响有限" }, TODAY);
    expect(down).toMatchObject({ ok: true, after: { grade: "general", majorPlan: PLAN }, changed: ["grade"] });
    expect(decide(hazard(), "authority", { kind: "regrade", grade: "general", reason: "x" }, TODAY)).toMatchObject({ ok: false, refusal: { field: "grade" } });
  });
});

describe("recording a hazard", () => {
  const base = { grade: "general", handling: "by_deadline", foundOn: "2026-06-01", deadline: "2026-06-30", majorPlan: null } as const;

  it("needs a deadline not before the day found for 限期整改, none for 立行立改, and the plan for 重大", () => {
    expect(newHazardProblem(base, TODAY)).toBeNull();
    expect(newHazardProblem({ ...base, deadline: null }, TODAY)).toMatchObject({ field: "deadline" });
    expect(newHazardProblem({ ...base, deadline: "2026-05-31" }, TODAY)).toMatchObject({ field: "deadline" });
    expect(newHazardProblem({ ...base, foundOn: "2026-06-11" }, TODAY)).toMatchObject({ field: "foundOn" });
    expect(newHazardProblem({ ...base, handling: "on_the_spot", deadline: null }, TODAY)).toBeNull();
    expect(newHazardProblem({ ...base, grade: "major" }, TODAY)).toMatchObject({ field: "majorPlan" });
    expect(newHazardProblem({ ...base, grade: "major", majorPlan: PLAN }, TODAY)).toBeNull();
    expect(newHazardProblem({ ...base, grade: "major", handling: "on_the_spot", majorPlan: PLAN }, TODAY)).toMatchObject({ field: "handling" });
  });

  it("starts 待整改 in round 0, with no deadline when handled on the spot", () => {
    expect(recordedHazard({ ...base, handling: "on_the_spot" })).toEqual({
      state: "pending",
      grade: "general",
      handling: "on_the_spot",
      deadline: null,
      round: 0,
      pendingExtension: null,
      majorPlan: null,
    });
  });
});

describe("overdue (逾期)", () => {
  it("turns at midnight in Asia/Shanghai, not at midnight UTC", () => {
    const facts = hazard({ deadline: "2026-03-01" });
    // 2026-03-01 23:59:59 in China is 15:59:59 UTC.
    expect(isOverdue(facts, chinaDay(new Date("2026-03-01T15:59:59Z")))).toBe(false);
    expect(isOverdue(facts, chinaDay(new Date("2026-03-01T16:00:00Z")))).toBe(true);
    expect(daysOverdue(facts, chinaDay(new Date("2026-03-03T16:00:00Z")))).toBe(3);
  });

  it("is the institution's lateness: a submitted, closed or voided hazard is not overdue, nor one without a deadline", () => {
    for (const state of ["awaiting_review", "closed", "voided"] as const) expect(isOverdue(hazard({ state, deadline: "2026-01-01" }), TODAY)).toBe(false);
    expect(isOverdue(hazard({ state: "rectifying", deadline: "2026-01-01" }), TODAY)).toBe(true);
    expect(isOverdue(hazard({ handling: "on_the_spot", deadline: null }), TODAY)).toBe(false);
    expect(daysOverdue(hazard({ deadline: "2026-06-30" }), TODAY)).toBe(0);
  });
});

describe("the commands offered", () => {
  const facts = STATES.flatMap((state) =>
    [
      hazard({ state }),
      hazard({ state, grade: "major", majorPlan: PLAN }),
      hazard({ state, handling: "on_the_spot", deadline: null }),
      hazard({ state, pendingExtension: { requestedDeadline: "2026-07-15", reason: "配件到货需三周", requestedOn: "2026-06-10" } }),
    ].map((h) => [state, h] as const),
  );
  it.each(facts)("in %s, each side is offered exactly the commands the rules would not refuse for their state or side: %j", (_state, h) => {
    for (const side of ["authority", "institution"] as const) {
      const acceptable = KINDS.filter((kind) => {
        const decision = decide(h, side, VALID[kind], TODAY);
        // Content the user has yet to write may still be wrong; the command itself is open.
        return decision.ok || decision.refusal.kind === "invalid";
      });
      expect(commandsOpenTo(h, side)).toEqual(acceptable);
    }
  });

  it("offers the institution 开始整改, 提交整改 and 申请延期 on a new hazard, and the authority 退回 and 复查销号 once it is submitted", () => {
    expect(commandsOpenTo(hazard(), "institution")).toEqual(["start", "submit", "request_extension"]);
    expect(commandsOpenTo(hazard({ state: "awaiting_review", round: 1 }), "authority")).toEqual(["return", "verify", "regrade", "void"]);
    expect(commandsOpenTo(hazard({ state: "closed" }), "authority")).toEqual([]);
  });
});
