import { z } from "zod";
import { JURISDICTION_LEVELS, type JurisdictionLevel, keysOf } from "./enums";

export interface JurisdictionNode {
  code: string;
  name: string;
  level: JurisdictionLevel;
  codeKind: "gb2260" | "statistical";
  authorityName: string;
  children: JurisdictionNode[];
}

export const JurisdictionNode: z.ZodType<JurisdictionNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(keysOf(JURISDICTION_LEVELS)),
    codeKind: z.enum(["gb2260", "statistical"]),
    authorityName: z.string(),
    children: z.array(JurisdictionNode),
  }),
);

export const JurisdictionTree = z.object({ roots: z.array(JurisdictionNode) });
export type JurisdictionTree = z.infer<typeof JurisdictionTree>;
