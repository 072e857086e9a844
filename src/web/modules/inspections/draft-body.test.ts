import { describe, expect, it } from "vitest";
import type { InspectionForm } from "../../../contracts/inspections";
import { draftProblem, submitBodyOf } from "./draft-body";
import type { DraftHazard, InspectionDraft } from "./drafts";

const FORM: InspectionForm = {
  kind: "supervision",
  institution: { id: "00000000-0000-4000-8000-000000000001", name: "兰考县人民医院", address: "", contactPerson: "", jurisdictionName: "兰考县" },
  campaign: null,
  assignment: null,
  suggestedInspectors: [],
  checklists: [
    {
      versionId: "00000000-0000-4000-8000-000000000002",
      checklistId: "00000000-0000-4000-8000-000000000003",
      name: "消防",
      version: 1,
      scored: false,
      content: {
        sections: [
          {
            key: "fire",
            title: "消防安全",
            items: [
              { key: "exits", text: "安全出口畅通", basis: "", category: "fire", gradeHint: "general", answerType: "compliance", photoRequired: false },
              { key: "wiring", text: "无私拉电线", basis: "", category: "electrical", gradeHint: "general", answerType: "compliance", photoRequired: true },
            ],
          },
        ],
      },
    },
  ],
  categories: [],
  recheckHazards: [
    {
      id: "00000000-0000-4000-8000-000000000009",
      number: "兰考隐患〔2026〕0001",
      foundOn: "2026-04-01",
      place: "",
      category: "fire",
      description: "",
      grade: "general",
      state: "pending",
      deadline: null,
    },
  ],
};

const hazard = (itemKey: string | null, overrides: Partial<DraftHazard> = {}): DraftHazard => ({
  id: `00000000-0000-4000-8000-00000000010${itemKey ? 1 : 2}`,
  itemKey,
  place: "配电间",
  category: "electrical",
  description: "私拉电线",
  basis: "",
  grade: "general",
  handling: "on_the_spot",
  deadline: "2026-07-01",
  responsiblePerson: "王科长",
  responsiblePhone: "",
  majorPlan: null,
  photoIds: [],
  ...overrides,
});

const draft = (overrides: Partial<InspectionDraft> = {}): InspectionDraft => ({
  id: "00000000-0000-4000-8000-000000000010",
  userId: "u",
  institutionId: FORM.institution.id,
  campaignId: null,
  form: FORM,
  checklistVersionId: FORM.checklists[0]?.versionId ?? null,
  inspectedOn: "2026-06-10",
  startedAt: "2026-06-10T09:00:00+08:00",
  place: "",
  inspectors: [{ name: "李明", unit: "" }],
  answers: { exits: { result: "compliant", note: "", photoIds: [] }, wiring: { result: "non_compliant", note: "私拉电线", photoIds: ["p1"] } },
  hazards: [hazard("wiring")],
  rechecks: {},
  remarks: "",
  onSiteOpinions: "",
  representativeName: "",
  signatureId: null,
  acknowledgedAt: "2026-06-10T10:00:00+08:00",
  issueNotice: false,
  state: "editing",
  refusal: null,
  updatedAt: "",
  ...overrides,
});

describe("the submit a draft makes", () => {
  it("answers every item of its version, drops an on-the-spot hazard's deadline and a hazard of an item no longer 不符合", () => {
    const body = submitBodyOf(draft({ hazards: [hazard("wiring"), hazard("exits"), hazard(null, { handling: "by_deadline" })] }));
    expect(body.answers?.map((a) => [a.itemKey, a.result])).toEqual([
      ["exits", "compliant"],
      ["wiring", "non_compliant"],
    ]);
    expect(body.hazards?.map((h) => [h.itemKey, h.deadline])).toEqual([
      ["wiring", null],
      [null, "2026-07-01"],
    ]);
    // No signature: no acknowledgement time either.
    expect(body.acknowledgedAt).toBeNull();
  });

  it("sends the re-checks that were answered, and the notice when asked", () => {
    const body = submitBodyOf(
      draft({ rechecks: { "00000000-0000-4000-8000-000000000009": { result: "rectified", note: "已整改", photoIds: [] } }, issueNotice: true }),
    );
    expect(body.rechecks).toEqual([{ hazardId: "00000000-0000-4000-8000-000000000009", result: "rectified", note: "已整改", photoIds: [] }]);
    expect(body.issueNotice).toEqual({ kind: "rectification" });
    expect(submitBodyOf(draft()).rechecks).toEqual([]);
  });

  it("tells on the device what the server would refuse: no checklist, nobody present, an item left or a photo missing", () => {
    expect(draftProblem(draft())).toBeNull();
    expect(draftProblem(draft({ checklistVersionId: null }))?.field).toBe("checklistVersionId");
    expect(draftProblem(draft({ inspectors: [] }))?.field).toBe("inspectors");
    expect(draftProblem(draft({ answers: { exits: { result: "compliant", note: "", photoIds: [] } } }))?.message).toBe(
      "检查项「无私拉电线」：请选择符合、不符合或不适用",
    );
    expect(draftProblem(draft({ answers: { ...draft().answers, wiring: { result: "non_compliant", note: "", photoIds: [] } } }))?.message).toBe(
      "检查项「无私拉电线」：须上传现场照片",
    );
  });
});
