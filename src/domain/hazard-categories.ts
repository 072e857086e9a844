/**
 * Categories of hazards (shared/regulations.md "Hazard grades and criteria", useful categories,
 * and issue #7). These are the built-in ones; an authority administrator can add its own, so a
 * hazard's category is a key of this list or of the authority's additions.
 */
export const BUILT_IN_HAZARD_CATEGORIES = {
  fire: "消防安全",
  electrical: "用电安全",
  gas: "燃气",
  special_equipment: "特种设备",
  medical_gas: "医用气体/供氧",
  hazardous_chemicals: "危险化学品",
  lab_biosafety: "实验室生物安全",
  medical_quality: "医疗质量安全",
  security: "治安保卫",
  construction: "建筑施工/房屋结构",
  canteen_food: "食堂食品安全",
  outsourcing: "外包外租",
  other: "其他",
} as const;
export type BuiltInHazardCategory = keyof typeof BUILT_IN_HAZARD_CATEGORIES;

/** The name of a stored category: a built-in key's label, or an added category's own name. */
export const hazardCategoryLabel = (value: string): string => BUILT_IN_HAZARD_CATEGORIES[value as BuiltInHazardCategory] ?? value;

/** Where a hazard was found: an authority's inspection, the institution's self-inspection, or entered directly. */
export const HAZARD_SOURCES = {
  direct: "直接录入",
  inspection: "监督检查",
  self_inspection: "机构自查",
} as const;
export type HazardSource = keyof typeof HAZARD_SOURCES;
