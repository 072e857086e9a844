/**
 * 提级管理 and 挂牌督办 of major hazards (seed 003 "重大隐患提级管理、挂牌督办"; shared/regulations.md
 * "The closed loop in practice" and the provincial rules on listed supervision): a major hazard is
 * supervised by the authority one level above the institution's own — a county's by its city, a
 * city's by the province, the province's by itself. That authority lists it (挂牌) with a document
 * number, deadline and supervising department, and alone closes it (摘牌销号) after verification.
 *
 * The statutory clocks run in working days on the Chinese calendar: the listing and the delisting
 * are published within 5 working days; an extension is requested at least 20 working days before
 * the deadline and decided within 10. Each figure is a setting of the listing authority.
 */
import type { HazardCommandKind, HazardGrade } from "./hazard-lifecycle";
import { addWorkingDays, type WorkingCalendar, workingDaysBetween } from "./working-days";

export interface HazardSettings {
  /** Hazards due within this many calendar days are in the daily reminder. */
  dueSoonDays: number;
  listingPublishDays: number;
  delistingPublishDays: number;
  extensionLeadDays: number;
  extensionDecisionDays: number;
}

export const DEFAULT_HAZARD_SETTINGS: HazardSettings = {
  dueSoonDays: 3,
  listingPublishDays: 5,
  delistingPublishDays: 5,
  extensionLeadDays: 20,
  extensionDecisionDays: 10,
};

export const HAZARD_SETTING_LABELS: Record<keyof HazardSettings, string> = {
  dueSoonDays: "到期提醒提前天数",
  listingPublishDays: "挂牌后公布时限（工作日）",
  delistingPublishDays: "摘牌后公布时限（工作日）",
  extensionLeadDays: "延期申请须提前（工作日）",
  extensionDecisionDays: "延期申请答复时限（工作日）",
};

/**
 * The code of the authority that lists a major hazard, from the jurisdiction path of the
 * institution ("/410000/410200/410225/"): the level above, or the province itself.
 */
export function listingAuthorityCode(institutionPath: string): string {
  const codes = institutionPath.split("/").filter(Boolean);
  const code = codes.at(codes.length === 1 ? 0 : -2);
  if (code === undefined) throw new RangeError(`not a jurisdiction path: ${institutionPath}`);
  return code;
}

/**
 * Commands on a major hazard that only its listing authority may give: closing it after
 * verification (摘牌销号), deciding an extension of its deadline, and taking it off the major list.
 */
const LISTING_AUTHORITY_COMMANDS: readonly HazardCommandKind[] = ["verify", "approve_extension", "refuse_extension", "regrade"];

/** Why an authority may not give this command on a major hazard, or null when it may. */
export function listingAuthorityProblem(
  hazard: { grade: HazardGrade },
  command: HazardCommandKind,
  actorAuthorityCode: string,
  listingCode: string,
  listingAuthorityName: string,
): string | null {
  if (hazard.grade !== "major" || !LISTING_AUTHORITY_COMMANDS.includes(command)) return null;
  if (actorAuthorityCode === listingCode) return null;
  return `重大隐患实行提级管理，由${listingAuthorityName}挂牌督办，须由其办理`;
}

/** A listed hazard's extension must be asked early enough: at least N working days before its deadline. */
export function extensionLeadProblem(calendar: WorkingCalendar, settings: HazardSettings, today: string, deadline: string): string | null {
  const left = workingDaysBetween(calendar, today, deadline);
  if (left >= settings.extensionLeadDays) return null;
  return `挂牌督办隐患的延期申请应在整改期限届满 ${settings.extensionLeadDays} 个工作日前提出，距期限 ${deadline} 仅剩 ${left} 个工作日`;
}

export interface ListingDates {
  listedOn: string;
  publishedOn: string | null;
  delistedOn: string | null;
  delistingPublishedOn: string | null;
}

export type ListingClockKey = "publish_listing" | "decide_extension" | "publish_delisting";

export interface ListingClock {
  key: ListingClockKey;
  label: string;
  startedOn: string;
  dueOn: string;
  doneOn: string | null;
  /** Not done and the due day has passed. */
  late: boolean;
}

/**
 * The statutory clocks of a listing as they stand today. An extension's clock runs from the day
 * it was asked while it waits for a decision.
 */
export function listingClocks(
  calendar: WorkingCalendar,
  settings: HazardSettings,
  listing: ListingDates,
  extensionRequestedOn: string | null,
  today: string,
): ListingClock[] {
  const clock = (key: ListingClockKey, label: string, startedOn: string, days: number, doneOn: string | null): ListingClock => {
    const dueOn = addWorkingDays(calendar, startedOn, days);
    return { key, label, startedOn, dueOn, doneOn, late: doneOn === null && today > dueOn };
  };
  const clocks = [clock("publish_listing", "公布挂牌督办", listing.listedOn, settings.listingPublishDays, listing.publishedOn)];
  if (extensionRequestedOn) clocks.push(clock("decide_extension", "答复延期申请", extensionRequestedOn, settings.extensionDecisionDays, null));
  if (listing.delistedOn) {
    clocks.push(clock("publish_delisting", "公布摘牌销号", listing.delistedOn, settings.delistingPublishDays, listing.delistingPublishedOn));
  }
  return clocks;
}
