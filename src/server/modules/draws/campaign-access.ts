import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { campaign } from "../../../db/schema";
import type { DbOrTx } from "../../platform/db";
import { notFound } from "../../platform/http/errors";
import { type Scope, underJurisdiction } from "../../platform/scope";

/**
 * Records of an authority (a campaign, an expert pool) by the authority's jurisdiction path: its own
 * users and those of the authorities above it see them; another county, and institutions, nothing.
 */
export function authorityInScope(scope: Scope, authorityPath: AnyPgColumn): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "jurisdiction":
      return underJurisdiction(scope, authorityPath);
    case "institution":
      return sql`false`;
  }
}

export const CAMPAIGN_NOT_FOUND = "检查工作不存在";

/** A campaign through the caller's scope (out of scope reads as missing), locked when it is to change. */
export async function campaignFor(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(campaign)
    .where(and(eq(campaign.id, id), authorityInScope(scope, campaign.authorityPath)));
  const [found] = options.lock ? await query.for("update") : await query;
  if (!found) throw notFound(CAMPAIGN_NOT_FOUND);
  return found;
}

export type CampaignRow = typeof campaign.$inferSelect;
