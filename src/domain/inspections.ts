/**
 * The words of inspection campaigns (shared/domain.md §2, seeds 001 and 003; regulations.md
 * "双随机、一公开 and 四不两直"). The rules built on them live beside: checklists.ts, coverage.ts,
 * random-draw.ts, quarterly-cadence.ts.
 */

/** What a campaign is for (seed 003: quarterly rounds and their 回头看; seed 001: 专项 and 节前 checks). */
export const CAMPAIGN_KINDS = {
  quarterly: "季度督导检查",
  follow_up: "回头看",
  special: "专项整治",
  holiday: "节前检查",
  self: "自查",
} as const;
export type CampaignKind = keyof typeof CAMPAIGN_KINDS;

/**
 * How a campaign's institutions are chosen: every institution in its scope (assigned when it is made;
 * a draw then picks which of those not yet inspected are visited first, and by whom),
 * or a random draw from the scope (双随机: assigned when drawn). See server/modules/draws/pool.ts.
 */
export const CAMPAIGN_SELECTIONS = {
  all: "范围内全部",
  draw: "随机抽取",
} as const;
export type CampaignSelection = keyof typeof CAMPAIGN_SELECTIONS;

/** Where one institution of a campaign stands. */
export const ASSIGNMENT_STATES = {
  pending: "未检查",
  inspected: "已检查",
  not_applicable: "不适用",
} as const;
export type AssignmentState = keyof typeof ASSIGNMENT_STATES;

/** A working group's members (seed 001/003: 领导 + 专家 + 专班). */
export const GROUP_ROLES = {
  leader: "领导",
  expert: "专家",
  task_force: "专班",
} as const;
export type GroupRole = keyof typeof GROUP_ROLES;

/** Who inspected: an authority (监督检查) or the institution itself (自查自纠, seeds 001 and 003). */
export const INSPECTION_KINDS = {
  supervision: "监督检查",
  self: "机构自查",
} as const;
export type InspectionKind = keyof typeof INSPECTION_KINDS;

/** How a checklist item is answered. */
export const CHECKLIST_ANSWER_TYPES = {
  compliance: "符合/不符合/不适用",
  score: "评分",
} as const;
export type ChecklistAnswerType = keyof typeof CHECKLIST_ANSWER_TYPES;

/** The answer to a compliance item; every 不符合 becomes a draft hazard of the institution. */
export const ITEM_RESULTS = {
  compliant: "符合",
  non_compliant: "不符合",
  not_applicable: "不适用",
} as const;
export type ItemResult = keyof typeof ITEM_RESULTS;

/** A 回头看's re-check of an earlier hazard, which feeds the hazard's own state. */
export const RECHECK_RESULTS = {
  rectified: "已整改",
  not_rectified: "未整改",
} as const;
export type RecheckResult = keyof typeof RECHECK_RESULTS;
