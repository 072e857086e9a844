import type { InstitutionCounts } from "../../../contracts/dashboard";
import { INSTITUTION_TYPES } from "../../../contracts/enums";
import { labelOf } from "../../ui/enum-options";

/** The types that have institutions in the user's scope, in the enumeration's order (hospitals first). */
export function typesIn(counts: InstitutionCounts): { key: string; label: string }[] {
  const order = Object.keys(INSTITUTION_TYPES);
  const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
  return counts.byType
    .filter((entry) => entry.count > 0)
    .map((entry) => entry.type)
    .sort((a, b) => rank(a) - rank(b))
    .map((type) => ({ key: type, label: labelOf(INSTITUTION_TYPES, type) }));
}

export const countOf = (counts: InstitutionCounts, type: string, grade: string) =>
  counts.cells.find((cell) => cell.type === type && cell.grade === grade)?.count ?? 0;
