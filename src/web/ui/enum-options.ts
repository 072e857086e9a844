import { INSTITUTION_TYPE_CATALOGUE, INSTITUTION_TYPE_GROUPS, type InstitutionTypeGroup } from "../../contracts/enums";

/** Select options from one of the enumerations with Chinese labels in contracts/enums. */
export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The Chinese label of a stored key; an unknown key shows as is rather than as nothing. */
export const labelOf = (labels: Record<string, string>, key: string) => labels[key] ?? key;

/** Institution types grouped by category (医院 / 基层医疗卫生机构 / 专业公共卫生机构 / 其他), as select option groups. */
export function typeOptionsOf(group?: InstitutionTypeGroup) {
  return (Object.keys(INSTITUTION_TYPE_GROUPS) as InstitutionTypeGroup[])
    .filter((key) => !group || key === group)
    .map((key) => ({
      label: INSTITUTION_TYPE_GROUPS[key],
      title: INSTITUTION_TYPE_GROUPS[key],
      options: Object.entries(INSTITUTION_TYPE_CATALOGUE)
        .filter(([, entry]) => entry.group === key)
        .map(([value, entry]) => ({ value, label: entry.label })),
    }));
}

/** 是/否, the one way a yes-or-no field shows everywhere (省直 in lists, details, filters and Excel). */
export const yesNo = (value: boolean) => (value ? "是" : "否");
export const YES_NO_OPTIONS = [
  { value: "true", label: "是" },
  { value: "false", label: "否" },
];
