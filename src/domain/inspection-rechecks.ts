import type { HazardCommand, HazardFacts } from "./hazard-lifecycle";
import type { RecheckResult } from "./inspections";

/**
 * How a 回头看's re-check of an earlier hazard feeds the hazard's own state (seed 003: every quarter
 * the third month re-checks what the first found; regulations.md "The closed loop in practice":
 * 整改 → 复查验收 → 销号). The re-check itself is always kept on the hazard's timeline (a "recheck"
 * event with its photos); it moves the hazard only through the lifecycle's own commands, so
 * decide() still guards every change:
 *
 * | found on site | hazard state          | command                                        |
 * |---------------|-----------------------|------------------------------------------------|
 * | 已整改        | 待复查                 | verify (复查销号): the re-check is the 复查    |
 * | 已整改        | 待整改, 立行立改, photo | close_on_spot (立行立改销号)                   |
 * | 已整改        | 待整改 / 整改中        | none: the institution still submits its rectification |
 * | 未整改        | 待复查                 | return (退回整改): what it submitted is not so |
 * | 未整改        | 待整改 / 整改中        | none: the timeline shows it is still open      |
 * | either        | 已销号 / 已作废         | none: recorded only                            |
 */

/** The event kind of a re-check on a hazard's timeline. */
export const RECHECK_EVENT = "recheck";

export interface Recheck {
  result: RecheckResult;
  note: string;
  photoCount: number;
  /** The inspectors present: the 复查人 of a verification. */
  inspectors: string;
  /** The inspection's day: the 复查日期. */
  inspectedOn: string;
}

const opinion = (label: string, note: string) => (note.trim() ? `回头看复查：${label}。${note.trim()}` : `回头看复查：${label}`);

/** The lifecycle command a re-check asks of the hazard as it stands, or null when it is only recorded. */
export function recheckCommand(hazard: HazardFacts, recheck: Recheck): HazardCommand | null {
  if (recheck.result === "rectified") {
    if (hazard.state === "awaiting_review") {
      return {
        kind: "verify",
        verification: {
          verifiers: recheck.inspectors,
          verifiedOn: recheck.inspectedOn,
          opinion: opinion("已整改", recheck.note),
          photoCount: recheck.photoCount,
          noPhotoReason: recheck.note.trim() || undefined,
        },
      };
    }
    if (hazard.state === "pending" && hazard.handling === "on_the_spot" && recheck.photoCount > 0) {
      return { kind: "close_on_spot", photoCount: recheck.photoCount };
    }
    return null;
  }
  if (hazard.state === "awaiting_review") return { kind: "return", reason: opinion("未整改", recheck.note) };
  return null;
}

/** What a re-check must say before it is recorded: 未整改 needs what is still wrong. */
export function recheckProblem(recheck: Pick<Recheck, "result" | "note">): { field: string; message: string } | null {
  if (recheck.result === "not_rectified" && recheck.note.trim() === "") return { field: "note", message: "复查情况：未整改的，请说明仍存在的问题" };
  return null;
}
