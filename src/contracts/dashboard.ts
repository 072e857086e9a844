import { z } from "zod";

export const InstitutionCounts = z.object({
  total: z.number().int(),
  byType: z.array(z.object({ type: z.string(), count: z.number().int() })),
  byGrade: z.array(z.object({ grade: z.string(), count: z.number().int() })),
  cells: z.array(z.object({ type: z.string(), grade: z.string(), count: z.number().int() })),
});
export type InstitutionCounts = z.infer<typeof InstitutionCounts>;
