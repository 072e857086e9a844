import { monthSpan, type Quarter, quarterOf } from "./coverage";

/**
 * The quarterly cadence (seed 003: "每季度第一个月开展一次督导检查、第三个月开展'回头看'，确保做到一年四次
 * 督导检查"): a quarter's campaign inspects in the quarter's first month, and its 回头看 re-checks, in
 * the third month, every institution where the first round found hazards.
 */
export interface QuarterlyCadence {
  quarter: Quarter;
  firstRound: { start: string; end: string };
  followUp: { start: string; end: string };
}

export function quarterlyCadence(quarter: Quarter): QuarterlyCadence {
  const [first, , third] = quarter.months;
  return { quarter, firstRound: monthSpan(quarter.year, first), followUp: monthSpan(quarter.year, third) };
}

/** The cadence of the quarter a day falls in. */
export const cadenceOf = (day: string) => quarterlyCadence(quarterOf(day));

/**
 * Why a first round's period does not fit the cadence, or null when it does: it lies within one
 * quarter and ends before the quarter's third month, which belongs to its 回头看.
 */
export function quarterlyPeriodProblem(periodStart: string, periodEnd: string): string | null {
  const cadence = cadenceOf(periodStart);
  if (periodEnd > cadence.quarter.end) return `季度督导检查应在${cadence.quarter.label}内（${cadence.quarter.start} 至 ${cadence.quarter.end}）`;
  if (periodEnd >= cadence.followUp.start) return `季度督导检查应在 ${cadence.followUp.start} 之前结束：本季度第三个月开展“回头看”`;
  return null;
}
