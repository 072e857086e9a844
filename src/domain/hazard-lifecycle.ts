/**
 * The life of a hazard (隐患) until it is closed item by item (逐项销号): shared/domain.md §3 and
 * shared/regulations.md "The closed loop in practice" — 排查 → 登记 → 整改通知 → 整改 → 复查验收 → 销号,
 * handled either on the spot (立行立改) or by a deadline (限期整改); a major hazard (重大隐患) needs
 * the "五落实" plan (measures, funds, deadline, responsible person, interim safety measures).
 *
 * One pure function decides every change: given the hazard as it stands, who acts and what they
 * ask, it returns the hazard after the change and the event to record, or why it may not happen.
 * Overdue (逾期) is derived from the deadline and the Asia/Shanghai calendar day, never stored.
 */

export const HAZARD_STATES = {
  pending: "待整改",
  rectifying: "整改中",
  awaiting_review: "待复查",
  closed: "已销号",
  voided: "已作废",
} as const;
export type HazardState = keyof typeof HAZARD_STATES;

/** States in which the hazard is still the institution's to fix or the authority's to verify. */
export const OPEN_STATES = ["pending", "rectifying", "awaiting_review"] as const satisfies readonly HazardState[];
export const isOpen = (state: HazardState) => (OPEN_STATES as readonly HazardState[]).includes(state);

export const HAZARD_GRADES = { general: "一般隐患", major: "重大隐患" } as const;
export type HazardGrade = keyof typeof HAZARD_GRADES;

export const HAZARD_HANDLINGS = { on_the_spot: "立行立改", by_deadline: "限期整改" } as const;
export type HazardHandling = keyof typeof HAZARD_HANDLINGS;

/** Who acts: the supervising authority's staff, or the institution's own. */
export type HazardSide = "authority" | "institution";

/** The "五落实" of a major hazard's remediation (shared/regulations.md). */
export interface MajorHazardPlan {
  measures: string;
  funds: string;
  deadline: string;
  responsiblePerson: string;
  interimMeasures: string;
}

export const MAJOR_PLAN_FIELDS: Record<keyof MajorHazardPlan, string> = {
  measures: "整改措施",
  funds: "整改资金",
  deadline: "整改时限",
  responsiblePerson: "整改责任人",
  interimMeasures: "临时安全措施及应急预案",
};

export interface ExtensionRequest {
  requestedDeadline: string;
  reason: string;
  /** The day it was asked: a listed hazard's decision clock runs from it. */
  requestedOn: string;
}

/** What the rules need to know of a hazard. Days are Asia/Shanghai calendar days, YYYY-MM-DD. */
export interface HazardFacts {
  state: HazardState;
  grade: HazardGrade;
  handling: HazardHandling;
  /** 整改时限; null only for a hazard handled on the spot. */
  deadline: string | null;
  /** How many rectifications have been submitted: each submission opens a review round. */
  round: number;
  pendingExtension: ExtensionRequest | null;
  majorPlan: MajorHazardPlan | null;
}

/** Evidence: attached photos, or a stated reason why none applies. */
export interface Evidence {
  photoCount: number;
  noPhotoReason?: string;
}

export interface Verification extends Evidence {
  /** Who verified (复查人). */
  verifiers: string;
  verifiedOn: string;
  opinion: string;
}

export type HazardCommand =
  | { kind: "start" }
  | { kind: "submit"; actionsTaken: string; evidence: Evidence }
  | { kind: "return"; reason: string }
  | { kind: "verify"; verification: Verification }
  | { kind: "close_on_spot"; photoCount: number }
  | { kind: "request_extension"; requestedDeadline: string; reason: string }
  | { kind: "approve_extension"; deadline?: string }
  | { kind: "refuse_extension"; reason: string }
  | { kind: "regrade"; grade: HazardGrade; reason: string; plan?: MajorHazardPlan }
  | { kind: "void"; reason: string };
export type HazardCommandKind = HazardCommand["kind"];

export const HAZARD_COMMANDS: Record<HazardCommandKind, { label: string; side: HazardSide; from: readonly HazardState[] }> = {
  start: { label: "开始整改", side: "institution", from: ["pending"] },
  submit: { label: "提交整改", side: "institution", from: ["pending", "rectifying"] },
  return: { label: "退回整改", side: "authority", from: ["awaiting_review"] },
  verify: { label: "复查销号", side: "authority", from: ["awaiting_review"] },
  close_on_spot: { label: "立行立改销号", side: "authority", from: ["pending"] },
  request_extension: { label: "申请延期", side: "institution", from: ["pending", "rectifying"] },
  approve_extension: { label: "批准延期", side: "authority", from: ["pending", "rectifying", "awaiting_review"] },
  refuse_extension: { label: "不予延期", side: "authority", from: ["pending", "rectifying", "awaiting_review"] },
  regrade: { label: "调整隐患等级", side: "authority", from: OPEN_STATES },
  void: { label: "作废", side: "authority", from: OPEN_STATES },
};

export type HazardRefusal =
  /** The command does not fit the hazard's state (answered 409, naming the state). */
  | { kind: "conflict"; message: string }
  /** The other side's command (answered 403). */
  | { kind: "forbidden"; message: string }
  /** Missing or wrong content (answered 400, naming the field). */
  | { kind: "invalid"; field: string; message: string };

export type HazardDecision = { ok: true; after: HazardFacts; changed: (keyof HazardFacts)[] } | { ok: false; refusal: HazardRefusal };

const refuse = (refusal: HazardRefusal): HazardDecision => ({ ok: false, refusal });
const invalid = (field: string, message: string) => refuse({ kind: "invalid", field, message });
const blank = (text: string | undefined) => text === undefined || text.trim() === "";

function evidenceProblem(evidence: Evidence, field: string, label: string): HazardDecision | null {
  if (evidence.photoCount > 0 || !blank(evidence.noPhotoReason)) return null;
  return invalid(field, `${label}：请上传至少一张照片，或说明无法拍照的原因`);
}

/** What is missing from a major hazard's "五落实" plan, as the first empty field. */
export function majorPlanProblem(plan: MajorHazardPlan | null | undefined): { field: string; message: string } | null {
  if (!plan) return { field: "majorPlan", message: "重大隐患须填写“五落实”整改方案（措施、资金、时限、责任人、临时安全措施及应急预案）" };
  for (const [key, label] of Object.entries(MAJOR_PLAN_FIELDS) as [keyof MajorHazardPlan, string][]) {
    if (blank(plan[key])) return { field: `majorPlan.${key}`, message: `${label}：重大隐患的“五落实”方案须填写` };
  }
  return null;
}

function changedKeys(before: HazardFacts, after: HazardFacts): (keyof HazardFacts)[] {
  return (Object.keys(after) as (keyof HazardFacts)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * Decides a command on a hazard. `today` is the Asia/Shanghai calendar day of the request, for
 * the checks on new deadlines. The order of checks is: who acts, then the state, then content,
 * so the answer names the most basic reason.
 */
export function decide(hazard: HazardFacts, side: HazardSide, command: HazardCommand, today: string): HazardDecision {
  const rule = HAZARD_COMMANDS[command.kind];
  if (rule.side !== side) {
    return refuse({ kind: "forbidden", message: `${rule.label}由${rule.side === "institution" ? "被检查机构" : "监管部门"}办理` });
  }
  if (!rule.from.includes(hazard.state)) {
    return refuse({ kind: "conflict", message: `隐患当前状态为「${HAZARD_STATES[hazard.state]}」，不能${rule.label}` });
  }
  const after = applyCommand(hazard, command, today);
  if ("ok" in after) return after;
  return { ok: true, after, changed: changedKeys(hazard, after) };
}

function applyCommand(hazard: HazardFacts, command: HazardCommand, today: string): HazardFacts | HazardDecision {
  switch (command.kind) {
    case "start":
      return { ...hazard, state: "rectifying" };
    case "submit": {
      if (blank(command.actionsTaken)) return invalid("actionsTaken", "整改情况：请说明采取了哪些整改措施");
      return evidenceProblem(command.evidence, "photoIds", "整改后照片") ?? { ...hazard, state: "awaiting_review", round: hazard.round + 1 };
    }
    case "return":
      if (blank(command.reason)) return invalid("reason", "退回原因：必填");
      return { ...hazard, state: "rectifying" };
    case "verify": {
      const v = command.verification;
      if (blank(v.verifiers)) return invalid("verifiers", "复查人：必填");
      if (blank(v.opinion)) return invalid("opinion", "复查意见：必填");
      if (v.verifiedOn > today) return invalid("verifiedOn", "复查日期：不能晚于今天");
      return evidenceProblem(v, "photoIds", "复查照片") ?? { ...hazard, state: "closed", pendingExtension: null };
    }
    case "close_on_spot":
      if (hazard.handling !== "on_the_spot") {
        return refuse({ kind: "conflict", message: "该隐患为「限期整改」，须由机构提交整改并经复查后销号" });
      }
      if (command.photoCount < 1) return invalid("photoIds", "整改后照片：立行立改销号须上传至少一张整改后照片");
      return { ...hazard, state: "closed" };
    case "request_extension": {
      if (hazard.handling !== "by_deadline" || hazard.deadline === null) {
        return refuse({ kind: "conflict", message: "立行立改的隐患没有整改时限，不能申请延期" });
      }
      if (hazard.pendingExtension) return refuse({ kind: "conflict", message: "已有一项延期申请等待审批" });
      if (blank(command.reason)) return invalid("reason", "延期原因：必填");
      if (command.requestedDeadline <= hazard.deadline) {
        return invalid("requestedDeadline", `申请的整改时限：须晚于现有时限 ${hazard.deadline}`);
      }
      return { ...hazard, pendingExtension: { requestedDeadline: command.requestedDeadline, reason: command.reason.trim(), requestedOn: today } };
    }
    case "approve_extension": {
      if (!hazard.pendingExtension) return refuse({ kind: "conflict", message: "没有等待审批的延期申请" });
      const deadline = command.deadline ?? hazard.pendingExtension.requestedDeadline;
      if (deadline < today) return invalid("deadline", "批准的整改时限：不能早于今天");
      if (hazard.deadline !== null && deadline <= hazard.deadline) {
        return invalid("deadline", `批准的整改时限：须晚于现有时限 ${hazard.deadline}`);
      }
      return { ...hazard, deadline, pendingExtension: null };
    }
    case "refuse_extension":
      if (!hazard.pendingExtension) return refuse({ kind: "conflict", message: "没有等待审批的延期申请" });
      if (blank(command.reason)) return invalid("reason", "不予延期的理由：必填");
      return { ...hazard, pendingExtension: null };
    case "regrade": {
      if (command.grade === hazard.grade) {
        return invalid("grade", `隐患等级：已是「${HAZARD_GRADES[hazard.grade]}」`);
      }
      if (blank(command.reason)) return invalid("reason", "调整原因：必填");
      if (command.grade === "major") {
        const plan = command.plan ?? hazard.majorPlan;
        const problem = majorPlanProblem(plan);
        if (problem) return invalid(problem.field, problem.message);
        return { ...hazard, grade: "major", majorPlan: plan };
      }
      return { ...hazard, grade: "general" };
    }
    case "void":
      if (blank(command.reason)) return invalid("reason", "作废原因：必填");
      return { ...hazard, state: "voided", pendingExtension: null };
  }
}

/**
 * The commands `side` may take on the hazard now, in HAZARD_COMMANDS order: its own side's, from the
 * hazard's state, and only where the hazard has what the command acts on (a deadline to extend, an
 * extension request to decide, on-the-spot handling to close at once). What the user writes is
 * checked by decide() when the command comes; this only says which to offer.
 */
export function commandsOpenTo(hazard: HazardFacts, side: HazardSide): HazardCommandKind[] {
  const fits: Partial<Record<HazardCommandKind, boolean>> = {
    close_on_spot: hazard.handling === "on_the_spot",
    request_extension: hazard.handling === "by_deadline" && hazard.deadline !== null && hazard.pendingExtension === null,
    approve_extension: hazard.pendingExtension !== null,
    refuse_extension: hazard.pendingExtension !== null,
  };
  return (Object.keys(HAZARD_COMMANDS) as HazardCommandKind[]).filter((kind) => {
    const rule = HAZARD_COMMANDS[kind];
    return rule.side === side && rule.from.includes(hazard.state) && fits[kind] !== false;
  });
}

/**
 * 逾期: the deadline has passed on the Asia/Shanghai calendar and the institution has not yet
 * submitted its rectification. A hazard waiting for review is the authority's to move, not late.
 */
export function isOverdue(hazard: Pick<HazardFacts, "state" | "deadline">, today: string): boolean {
  return (hazard.state === "pending" || hazard.state === "rectifying") && hazard.deadline !== null && hazard.deadline < today;
}

/** Days past the deadline (0 when not overdue), for sorting the institution's to-do list. */
export function daysOverdue(hazard: Pick<HazardFacts, "state" | "deadline">, today: string): number {
  if (!isOverdue(hazard, today) || hazard.deadline === null) return 0;
  return Math.round((Date.parse(today) - Date.parse(hazard.deadline)) / 86_400_000);
}

export interface NewHazard {
  grade: HazardGrade;
  handling: HazardHandling;
  foundOn: string;
  deadline: string | null;
  majorPlan: MajorHazardPlan | null;
}

/** Why a hazard cannot be recorded as given, or null. */
export function newHazardProblem(hazard: NewHazard, today: string): { field: string; message: string } | null {
  if (hazard.foundOn > today) return { field: "foundOn", message: "发现日期：不能晚于今天" };
  if (hazard.handling === "by_deadline") {
    if (hazard.deadline === null) return { field: "deadline", message: "整改时限：限期整改的隐患必须填写" };
    if (hazard.deadline < hazard.foundOn) return { field: "deadline", message: "整改时限：不能早于发现日期" };
  }
  if (hazard.handling === "on_the_spot" && hazard.grade === "major") {
    return { field: "handling", message: "处理方式：重大隐患不能立行立改，须限期整改" };
  }
  if (hazard.grade === "major") return majorPlanProblem(hazard.majorPlan);
  return null;
}

/** The facts of a hazard as it is first recorded. */
export function recordedHazard(hazard: NewHazard): HazardFacts {
  return {
    state: "pending",
    grade: hazard.grade,
    handling: hazard.handling,
    deadline: hazard.handling === "by_deadline" ? hazard.deadline : null,
    round: 0,
    pendingExtension: null,
    majorPlan: hazard.grade === "major" ? hazard.majorPlan : null,
  };
}
