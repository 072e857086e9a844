import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { InstitutionCreate, InstitutionFilters, InstitutionUpdate } from "./institutions";
import { checkInput, choice, describeIssue, findUnstorableText, installChineseMessages, labelAt, labelled } from "./validation";

beforeAll(() => installChineseMessages());

const problemsOf = (schema: z.ZodType, input: unknown) => {
  const checked = checkInput(schema, input);
  return checked.success ? [] : checked.problems;
};

describe("validation in Chinese, naming each field by its label", () => {
  it("finds a field's label through optional, default and coercion wrappers", () => {
    expect(labelAt(InstitutionUpdate, ["beds"])).toBe("床位数");
    expect(labelAt(InstitutionCreate, ["beds"])).toBe("床位数");
    expect(labelAt(InstitutionFilters, ["provincialDirect"])).toBe("是否省直");
    expect(labelAt(InstitutionUpdate, ["nothing"])).toBeUndefined();
  });

  it("lists an enumeration's Chinese choices, never its internal keys", () => {
    const [problem] = problemsOf(InstitutionUpdate.pick({ grade: true }), { grade: "grade9" });
    expect(problem).toEqual({ field: "grade", message: "等级：应为以下之一：三级、二级、一级、未定级" });
  });

  it("words ranges and types without English", () => {
    const Figures = z.object({ beds: labelled(z.number().int().min(0).max(10), "床位数"), name: labelled(z.string().min(2).max(3), "名称") });
    expect(problemsOf(Figures, { beds: -1, name: "甲乙" })[0]?.message).toBe("床位数：不能小于 0");
    expect(problemsOf(Figures, { beds: 11, name: "甲乙" })[0]?.message).toBe("床位数：不能大于 10");
    expect(problemsOf(Figures, { beds: 1.5, name: "甲乙" })[0]?.message).toBe("床位数：应为整数");
    expect(problemsOf(Figures, { beds: "十", name: "甲乙" })[0]?.message).toBe("床位数：应为数字");
    expect(problemsOf(Figures, { beds: 1, name: "甲乙丙丁" })[0]?.message).toBe("名称：不能超过 3 个字");
    expect(problemsOf(Figures, { name: "甲乙" })[0]?.message).toBe("床位数：必填");
    expect(problemsOf(Figures, { beds: null, name: "甲乙" })[0]?.message).toBe("床位数：不能为空");
    for (const problem of problemsOf(Figures, { beds: "x", name: 3 })) expect(problem.message).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("names the row of a field inside a list", () => {
    const Rows = z.object({ rows: z.array(z.object({ code: labelled(z.string().length(2), "代码") })) });
    expect(describeIssue(Rows, { path: ["rows", 2, "code"], message: "格式不正确" }).message).toBe("第 3 项的代码：格式不正确");
  });

  it("keeps a schema's own message", () => {
    expect(problemsOf(InstitutionUpdate.pick({ contactPhone: true }), { contactPhone: "电话" })[0]?.message).toBe(
      "联系电话：只能包含数字、空格和 + - ( )，最多 30 位",
    );
  });

  it("refuses NUL and unpaired surrogates anywhere, naming the field, before the schema runs", () => {
    const Named = z.object({ name: labelled(z.string(), "机构名称"), tags: z.array(choice({ a: "甲" }, "标签")) });
    expect(findUnstorableText({ name: "ok", nested: [{ x: "a\u0000b" }] })).toEqual({ path: ["nested", 0, "x"], message: expect.stringContaining("空字符") });
    expect(problemsOf(Named, { name: "兰考\u0000医院", tags: [] })).toEqual([{ field: "name", message: expect.stringMatching(/^机构名称：含有空字符/) }]);
    expect(problemsOf(Named, { name: "兰考\ud800医院", tags: [] })[0]?.message).toMatch(/^机构名称：含有无效的字符/);
    // A correctly paired surrogate (an emoji, a rare character) is fine.
    expect(problemsOf(Named, { name: "兰考𠀀医院😀", tags: [] })).toEqual([]);
  });
});
