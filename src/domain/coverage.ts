import type { InstitutionGrade } from "./institution-grades";
import type { JurisdictionLevel } from "./roles";

/**
 * The coverage rule (督查全覆盖, seed 003 督导检查汇报会; shared/domain.md §1): "省直医疗卫生单位、三级以上
 * 医疗机构督导检查全覆盖" by the province, "各地市卫生健康委要确保二级医疗机构督导检查全覆盖", "县级卫生健康委要
 * 做到一级医疗机构督导检查全覆盖". Each level's duty is data a query can use: the grades it must cover
 * and whether it must cover every 省直 institution whatever its grade.
 */
export interface CoverageDuty {
  grades: InstitutionGrade[];
  provincialDirect: boolean;
}

/** 三级 is the highest grade on the register, so "三级以上" is 三级. Ungraded institutions are in no level's duty. */
export const COVERAGE_DUTIES: Record<JurisdictionLevel, CoverageDuty> = {
  province: { grades: ["grade3"], provincialDirect: true },
  city: { grades: ["grade2"], provincialDirect: false },
  county: { grades: ["grade1"], provincialDirect: false },
};

const LEVELS_TOP_DOWN: JurisdictionLevel[] = ["province", "city", "county"];

/** The default scope of a campaign of an authority of this level: its own level's duty, within its jurisdiction. */
export const defaultCampaignDuty = (level: JurisdictionLevel): CoverageDuty => COVERAGE_DUTIES[level];

/**
 * What the standing coverage ledger (督查全覆盖台账) of an authority counts: every institution in its
 * subtree that the rule puts in the duty of its own level or of a level below it — a city's ledger
 * holds its 二级 and its counties' 一级 institutions; the province's also its 三级 and 省直 ones. It is
 * the union of those duties: an institution that falls in two (a 省直 二级 hospital) counts once.
 */
export function ledgerDuty(level: JurisdictionLevel): CoverageDuty {
  const duties = LEVELS_TOP_DOWN.slice(LEVELS_TOP_DOWN.indexOf(level)).map((l) => COVERAGE_DUTIES[l]);
  return { grades: duties.flatMap((d) => d.grades), provincialDirect: duties.some((d) => d.provincialDirect) };
}

/** Whether an institution falls in a duty. */
export const inDuty = (duty: CoverageDuty, institution: { grade: string; provincialDirect: boolean }) =>
  (duty.grades as string[]).includes(institution.grade) || (duty.provincialDirect && institution.provincialDirect);

/** A quarter of the year on the China calendar: its first and last day and its three months. */
export interface Quarter {
  year: number;
  /** 1–4. */
  quarter: number;
  start: string;
  end: string;
  months: [number, number, number];
  /** "2026年第四季度". */
  label: string;
}

const QUARTER_NAMES = ["一", "二", "三", "四"];
const pad = (n: number) => String(n).padStart(2, "0");

/** The first and last day of a month (month 1–12), as YYYY-MM-DD. */
export function monthSpan(year: number, month: number): { start: string; end: string } {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDay)}` };
}

/** The quarter a calendar day (YYYY-MM-DD, already on the China calendar: Clock.today()) falls in. */
export function quarterOf(day: string): Quarter {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (!Number.isInteger(year) || month < 1 || month > 12) throw new Error(`not a calendar day: ${day}`);
  const quarter = Math.ceil(month / 3);
  const first = quarter * 3 - 2;
  const months: [number, number, number] = [first, first + 1, first + 2];
  return {
    year,
    quarter,
    start: monthSpan(year, first).start,
    end: monthSpan(year, first + 2).end,
    months,
    label: `${year}年第${QUARTER_NAMES[quarter - 1]}季度`,
  };
}

/** The calendar year of a day, as a span. */
export const yearOf = (day: string) => ({ year: Number(day.slice(0, 4)), start: `${day.slice(0, 4)}-01-01`, end: `${day.slice(0, 4)}-12-31` });
