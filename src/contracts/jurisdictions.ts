import { z } from "zod";
import { JURISDICTION_LEVELS, type JurisdictionLevel, keysOf } from "./enums";
import { defineRoute, SIGNED_IN } from "./route";

export const CODE_KINDS = { gb2260: "GB/T 2260", statistical: "统计用区划代码" } as const;

/** One jurisdiction of the reference tree (src/db/reference/henan-jurisdictions.json). */
export const JurisdictionRecord = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(keysOf(JURISDICTION_LEVELS)),
  parentCode: z.string().nullable(),
  codeKind: z.enum(keysOf(CODE_KINDS)),
  authorityName: z.string(),
});
export type JurisdictionRecord = z.infer<typeof JurisdictionRecord>;

export interface JurisdictionNode {
  code: string;
  name: string;
  level: JurisdictionLevel;
  codeKind: keyof typeof CODE_KINDS;
  authorityName: string;
  children: JurisdictionNode[];
}

export const JurisdictionNode: z.ZodType<JurisdictionNode> = z.lazy(() =>
  JurisdictionRecord.omit({ parentCode: true }).extend({
    children: z.array(JurisdictionNode),
  }),
);

export const JurisdictionTree = z.object({ roots: z.array(JurisdictionNode) });
export type JurisdictionTree = z.infer<typeof JurisdictionTree>;

export const jurisdictionRoutes = {
  tree: defineRoute({
    method: "GET",
    path: "/api/jurisdictions",
    summary: "调用者可见的行政区划树（机构用户为空）",
    access: SIGNED_IN,
    response: JurisdictionTree,
  }),
};
