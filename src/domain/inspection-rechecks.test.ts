import { describe, expect, it } from "vitest";
import { decide, type HazardFacts, type HazardState } from "./hazard-lifecycle";
import { type Recheck, recheckCommand, recheckProblem } from "./inspection-rechecks";

const hazard = (state: HazardState, facts: Partial<HazardFacts> = {}): HazardFacts => ({
  state,
  grade: "general",
  handling: "by_deadline",
  deadline: "2026-06-30",
  round: state === "awaiting_review" ? 1 : 0,
  pendingExtension: null,
  majorPlan: null,
  ...facts,
});

const recheck = (overrides: Partial<Recheck> = {}): Recheck => ({
  result: "rectified",
  note: "",
  photoCount: 1,
  inspectors: "李明、张强",
  inspectedOn: "2026-09-10",
  ...overrides,
});

const TODAY = "2026-09-10";

describe("a 回头看 re-check feeds the hazard's state through the lifecycle's commands", () => {
  it("rectified and awaiting review: verified and closed, the re-check being the 复查", () => {
    const command = recheckCommand(hazard("awaiting_review"), recheck({ note: "已清理" }));
    expect(command).toEqual({
      kind: "verify",
      verification: { verifiers: "李明、张强", verifiedOn: "2026-09-10", opinion: "回头看复查：已整改。已清理", photoCount: 1, noPhotoReason: "已清理" },
    });
    const decision = decide(hazard("awaiting_review"), "authority", command as NonNullable<typeof command>, TODAY);
    expect(decision.ok && decision.after.state).toBe("closed");
  });

  it("rectified without a photo or a word: the verification is refused, naming the photos", () => {
    const command = recheckCommand(hazard("awaiting_review"), recheck({ photoCount: 0 }));
    const decision = decide(hazard("awaiting_review"), "authority", command as NonNullable<typeof command>, TODAY);
    expect(decision).toEqual({ ok: false, refusal: { kind: "invalid", field: "photoIds", message: "复查照片：请上传至少一张照片，或说明无法拍照的原因" } });
  });

  it("rectified, still pending and handled on the spot, with a photo: closed on the spot", () => {
    expect(recheckCommand(hazard("pending", { handling: "on_the_spot", deadline: null }), recheck())).toEqual({ kind: "close_on_spot", photoCount: 1 });
    expect(recheckCommand(hazard("pending", { handling: "on_the_spot", deadline: null }), recheck({ photoCount: 0 }))).toBeNull();
  });

  it("rectified but not yet submitted by a deadline: only recorded, the institution still submits", () => {
    expect(recheckCommand(hazard("pending"), recheck())).toBeNull();
    expect(recheckCommand(hazard("rectifying"), recheck())).toBeNull();
  });

  it("not rectified and awaiting review: sent back with the re-check's note as the reason", () => {
    const command = recheckCommand(hazard("awaiting_review"), recheck({ result: "not_rectified", note: "灭火器仍未更换" }));
    expect(command).toEqual({ kind: "return", reason: "回头看复查：未整改。灭火器仍未更换" });
    const decision = decide(hazard("awaiting_review"), "authority", command as NonNullable<typeof command>, TODAY);
    expect(decision.ok && decision.after.state).toBe("rectifying");
  });

  it("not rectified and still open: only recorded", () => {
    expect(recheckCommand(hazard("rectifying"), recheck({ result: "not_rectified", note: "未动" }))).toBeNull();
  });

  it("a closed or voided hazard is only recorded, whatever was found", () => {
    for (const state of ["closed", "voided"] as const) {
      expect(recheckCommand(hazard(state), recheck())).toBeNull();
      expect(recheckCommand(hazard(state), recheck({ result: "not_rectified", note: "x" }))).toBeNull();
    }
  });

  it("未整改 needs what is still wrong", () => {
    expect(recheckProblem({ result: "not_rectified", note: " " })).toEqual({ field: "note", message: "复查情况：未整改的，请说明仍存在的问题" });
    expect(recheckProblem({ result: "rectified", note: "" })).toBeNull();
  });
});
