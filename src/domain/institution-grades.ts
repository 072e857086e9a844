/**
 * Hospital grades (医院等级) and ownership. The grade decides which level of authority must
 * inspect an institution (seed 003 coverage rule, shared/domain.md §1), so it is a rule's input.
 */
export const INSTITUTION_GRADES = {
  grade3: "三级",
  grade2: "二级",
  grade1: "一级",
  ungraded: "未定级",
} as const;
export type InstitutionGrade = keyof typeof INSTITUTION_GRADES;

/** Higher grades first: the order users expect when a list is sorted by grade. */
export const GRADE_RANK: Record<InstitutionGrade, number> = { grade3: 3, grade2: 2, grade1: 1, ungraded: 0 };

export const OWNERSHIPS = {
  public: "公立",
  private: "民营",
} as const;
export type Ownership = keyof typeof OWNERSHIPS;

/**
 * Whether an institution is on the register. 注销 (registration cancelled) and 停业 (ceased
 * operating) take it out of lists and counts but keep its history; either can be undone.
 */
export const INSTITUTION_STATUSES = {
  active: "在册",
  deregistered: "已注销",
  suspended: "已停业",
} as const;
export type InstitutionStatus = keyof typeof INSTITUTION_STATUSES;
