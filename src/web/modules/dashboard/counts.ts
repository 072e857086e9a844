import type { InstitutionBreakdown, InstitutionCounts } from "../../../contracts/dashboard";
import {
  INSTITUTION_GRADES,
  INSTITUTION_TYPE_CATALOGUE,
  INSTITUTION_TYPE_GROUPS,
  INSTITUTION_TYPES,
  type InstitutionType,
  type InstitutionTypeGroup,
} from "../../../contracts/enums";
import { withQuery } from "../../app/api";
import type { MatrixColumn, MatrixRow } from "../../ui/CountMatrix";
import { labelOf } from "../../ui/enum-options";

/** The institution list filtered to what a count counts. */
export const listLink = (filters: Record<string, string | undefined>) => withQuery("/institutions", filters);

export const GRADE_COLUMNS: MatrixColumn[] = Object.entries(INSTITUTION_GRADES).map(([key, title]) => ({ key, title }));
export const GROUP_COLUMNS: MatrixColumn[] = Object.entries(INSTITUTION_TYPE_GROUPS).map(([key, title]) => ({ key, title }));

const TYPE_ORDER = Object.keys(INSTITUTION_TYPE_CATALOGUE);
const groupOf = (type: string): InstitutionTypeGroup => INSTITUTION_TYPE_CATALOGUE[type as InstitutionType]?.group ?? "other";

function add(cells: Record<string, number>, key: string, count: number) {
  cells[key] = (cells[key] ?? 0) + count;
}

/**
 * Type × grade counts as rows: one per category (医院 / 基层 / 专业公共卫生 / 其他) with its types
 * beneath, in the catalogue's order; each figure links to its filtered list.
 */
export function typeRows(counts: InstitutionCounts): MatrixRow[] {
  const byType = new Map<string, Record<string, number>>();
  for (const cell of counts.cells) {
    const cells = byType.get(cell.type) ?? {};
    add(cells, cell.grade, cell.count);
    byType.set(cell.type, cells);
  }
  return (Object.keys(INSTITUTION_TYPE_GROUPS) as InstitutionTypeGroup[]).flatMap((group) => {
    const types = [...byType.keys()].filter((type) => groupOf(type) === group).sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
    if (types.length === 0) return [];
    const groupCells: Record<string, number> = {};
    for (const type of types) for (const [grade, count] of Object.entries(byType.get(type) ?? {})) add(groupCells, grade, count);
    return [
      {
        key: group,
        label: INSTITUTION_TYPE_GROUPS[group],
        cells: groupCells,
        linkTo: (grade?: string) => listLink({ typeGroup: group, grade }),
        children: types.map((type) => ({
          key: type,
          label: labelOf(INSTITUTION_TYPES, type),
          cells: byType.get(type) ?? {},
          linkTo: (grade?: string) => listLink({ type, grade }),
        })),
      },
    ];
  });
}

/** The counts one level down, one row per city (or county), by grade or by category. */
export function breakdownRows(breakdown: InstitutionBreakdown, by: "grade" | "group"): MatrixRow[] {
  const cellsOf = new Map<string, Record<string, number>>(breakdown.children.map((child) => [child.code, {}]));
  for (const cell of breakdown.cells) {
    const cells = cellsOf.get(cell.code);
    if (cells) add(cells, by === "grade" ? cell.grade : cell.group, cell.count);
  }
  return breakdown.children.map((child) => ({
    key: child.code,
    label: child.name,
    cells: cellsOf.get(child.code) ?? {},
    linkTo: (column?: string) => listLink({ jurisdictionCode: child.code, ...(column ? { [by === "grade" ? "grade" : "typeGroup"]: column } : {}) }),
  }));
}

export const gradeCount = (counts: InstitutionCounts, grade: string) =>
  counts.cells.filter((cell) => cell.grade === grade).reduce((sum, cell) => sum + cell.count, 0);
