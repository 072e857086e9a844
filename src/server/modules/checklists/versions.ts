import { and, eq } from "drizzle-orm";
import type { ChecklistContent } from "../../../contracts/checklists";
import { checklist, checklistVersion } from "../../../db/schema";
import { isScoredContent, itemCountOf, maxScoreOf, planVersionEdit, type VersionEdit } from "../../../domain/checklists";
import type { DbOrTx } from "../../platform/db";

type ChecklistRow = typeof checklist.$inferSelect;

/** The stored columns a version's content decides. */
export const versionFigures = (content: ChecklistContent) => ({ itemCount: itemCountOf(content), maxScore: maxScoreOf(content) });

/** The first version of a new checklist, with the checklist row. */
export async function insertChecklist(
  tx: DbOrTx,
  values: { authorityCode: string | null; shippedKey?: string; name: string; content: ChecklistContent; createdBy: string | null },
) {
  const [row] = await tx
    .insert(checklist)
    .values({ authorityCode: values.authorityCode, shippedKey: values.shippedKey ?? null, name: values.name, scored: isScoredContent(values.content) })
    .returning();
  if (!row) throw new Error("checklist not inserted");
  await tx
    .insert(checklistVersion)
    .values({ checklistId: row.id, version: 1, content: values.content, ...versionFigures(values.content), createdBy: values.createdBy });
  return row;
}

/**
 * Gives a checklist new content by the versioning rule (domain/checklists.ts planVersionEdit): the
 * current version is locked first, so a campaign or inspection marking it used at the same moment
 * either comes before (and the edit makes a new version) or after (and uses the corrected one).
 */
export async function applyChecklistContent(tx: DbOrTx, row: ChecklistRow, content: ChecklistContent, createdBy: string | null): Promise<VersionEdit> {
  const [current] = await tx
    .select()
    .from(checklistVersion)
    .where(and(eq(checklistVersion.checklistId, row.id), eq(checklistVersion.version, row.currentVersion)))
    .for("update");
  if (!current) throw new Error(`checklist ${row.id} has no version ${row.currentVersion}`);
  const plan = planVersionEdit({ version: current.version, firstUsedAt: current.firstUsedAt, content: current.content as ChecklistContent }, content);
  if (plan.kind === "unchanged") return plan;
  if (plan.kind === "in_place") {
    await tx
      .update(checklistVersion)
      .set({ content, ...versionFigures(content), createdBy })
      .where(eq(checklistVersion.id, current.id));
  } else {
    await tx.insert(checklistVersion).values({ checklistId: row.id, version: plan.version, content, ...versionFigures(content), createdBy });
  }
  await tx
    .update(checklist)
    .set({ currentVersion: plan.version, scored: isScoredContent(content), updatedAt: new Date() })
    .where(eq(checklist.id, row.id));
  return plan;
}
