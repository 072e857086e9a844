import { and, eq, isNull } from "drizzle-orm";
import type { ChecklistContent } from "../../../contracts/checklists";
import { checklist, checklistVersion } from "../../../db/schema";
import type { Actor } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { readerOf, visibleTo } from "./queries";

/** A checklist version as a campaign or an inspection takes it: frozen from the moment of use. */
export interface UsedChecklistVersion {
  id: string;
  checklistId: string;
  name: string;
  version: number;
  content: ChecklistContent;
  scored: boolean;
  itemCount: number;
  maxScore: number | null;
  /** The template is archived: a new campaign or an inspection outside a campaign does not take it. */
  archived: boolean;
  firstUsedAt: Date;
}

/**
 * Takes a checklist version for a campaign or an inspection, in the caller's transaction: the
 * version must be one the actor reads (shipped, their authority's or one above; an institution
 * reads its county's), and is marked used (checklist_version.first_used_at) so that from now on an
 * edit of its template makes a new version and this one never changes. Returns undefined for a
 * version the actor cannot read or that does not exist (the caller answers 404 naming its field).
 * An archived template's version is still returned: a campaign made with it goes on using it.
 *
 * `through.campaign`: the caller has checked that the version is one of a campaign's
 * (campaign_checklist) that the actor may inspect in; the campaign then grants the reading, as an
 * inspector of the city above inspects a county's campaign with the county's own template.
 */
export async function takeChecklistVersion(
  tx: DbOrTx,
  actor: Actor,
  versionId: string,
  through: { campaign: boolean } = { campaign: false },
): Promise<UsedChecklistVersion | undefined> {
  const [found] = await tx
    .select({ version: checklistVersion, name: checklist.name, scored: checklist.scored, archived: checklist.archived })
    .from(checklistVersion)
    .innerJoin(checklist, eq(checklist.id, checklistVersion.checklistId))
    .where(and(eq(checklistVersion.id, versionId), through.campaign ? undefined : visibleTo(readerOf(actor))))
    .for("update", { of: checklistVersion });
  if (!found) return undefined;
  let firstUsedAt = found.version.firstUsedAt;
  if (!firstUsedAt) {
    const [marked] = await tx
      .update(checklistVersion)
      .set({ firstUsedAt: new Date() })
      .where(and(eq(checklistVersion.id, versionId), isNull(checklistVersion.firstUsedAt)))
      .returning({ firstUsedAt: checklistVersion.firstUsedAt });
    firstUsedAt = marked?.firstUsedAt ?? new Date();
  }
  const { version } = found;
  return {
    id: version.id,
    checklistId: version.checklistId,
    name: found.name,
    version: version.version,
    content: version.content as ChecklistContent,
    scored: found.scored,
    itemCount: version.itemCount,
    maxScore: version.maxScore,
    archived: found.archived,
    firstUsedAt,
  };
}
