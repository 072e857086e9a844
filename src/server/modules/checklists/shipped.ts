import { eq, sql } from "drizzle-orm";
import { SHIPPED_CHECKLISTS, type ShippedChecklist } from "../../../db/reference/checklists";
import { checklist } from "../../../db/schema";
import type { Db } from "../../platform/db";
import { applyChecklistContent, insertChecklist } from "./versions";

/**
 * Brings the shipped templates (db/reference/checklists) into the database at every start, found
 * by their shipped key: a new one is added; a changed one gets a new version if its current one was
 * used, or is corrected in place if not (the versioning rule); an unchanged one is left alone.
 */
export async function loadShippedChecklists(db: Db, templates: readonly ShippedChecklist[] = SHIPPED_CHECKLISTS): Promise<void> {
  await db.transaction(async (tx) => {
    // Servers started together (tests, a restart during a deploy) load one after the other, not into each other's inserts.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('yian.shipped_checklists'))`);
    for (const shipped of templates) {
      const [row] = await tx.select().from(checklist).where(eq(checklist.shippedKey, shipped.shippedKey)).for("update");
      if (!row) {
        await insertChecklist(tx, { authorityCode: null, shippedKey: shipped.shippedKey, name: shipped.name, content: shipped.content, createdBy: null });
        continue;
      }
      if (row.name !== shipped.name) await tx.update(checklist).set({ name: shipped.name, updatedAt: new Date() }).where(eq(checklist.id, row.id));
      await applyChecklistContent(tx, row, shipped.content, null);
    }
  });
}
