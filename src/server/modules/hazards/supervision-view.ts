import { desc, eq } from "drizzle-orm";
import type { Listing, Supervision } from "../../../contracts/hazards";
import { type hazard, hazardListing } from "../../../db/schema";
import type { HazardFacts } from "../../../domain/hazard-lifecycle";
import { listingAuthorityCode, listingClocks } from "../../../domain/hazard-listing";
import type { DbOrTx } from "../../platform/db";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { hazardSettingsOf, loadWorkingCalendar } from "../settings/hazard-settings";

/** A hazard's listing as its page and the queues show it, with the clocks as they stand today. */
export type ListingRow = typeof hazardListing.$inferSelect;

export const authorityName = (directory: JurisdictionDirectory, code: string) => directory.get(code)?.authorityName ?? directory.name(code);

export const toListing = (row: ListingRow): Listing => ({
  id: row.id,
  documentNumber: row.documentNumber,
  deadline: row.deadline,
  supervisingDepartment: row.supervisingDepartment,
  listedOn: row.listedOn,
  publishedOn: row.publishedOn,
  acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  delistedOn: row.delistedOn,
  delistingPublishedOn: row.delistingPublishedOn,
});

export async function latestListing(db: DbOrTx, hazardId: string): Promise<ListingRow | undefined> {
  const [row] = await db.select().from(hazardListing).where(eq(hazardListing.hazardId, hazardId)).orderBy(desc(hazardListing.createdAt)).limit(1);
  return row;
}

export const activeListing = async (db: DbOrTx, hazardId: string) => {
  const row = await latestListing(db, hazardId);
  return row && row.delistedOn === null ? row : undefined;
};

export async function clocksOf(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  listingCode: string,
  listing: ListingRow,
  row: typeof hazard.$inferSelect,
  today: string,
) {
  const [settings, calendar] = await Promise.all([hazardSettingsOf(db, directory, listingCode), loadWorkingCalendar(db)]);
  const extension = row.pendingExtension as HazardFacts["pendingExtension"];
  return listingClocks(calendar, settings, listing, extension?.requestedOn ?? null, today);
}

/** The hazard's supervision for its page: null for a general hazard that was never listed. */
export async function supervisionOf(db: DbOrTx, directory: JurisdictionDirectory, row: typeof hazard.$inferSelect, today: string): Promise<Supervision | null> {
  const listing = await latestListing(db, row.id);
  if (row.grade !== "major" && !listing) return null;
  const listingCode = listing?.listingAuthorityCode ?? listingAuthorityCode(row.jurisdictionPath);
  return {
    listingAuthorityCode: listingCode,
    listingAuthorityName: authorityName(directory, listingCode),
    listing: listing ? toListing(listing) : null,
    clocks: listing ? await clocksOf(db, directory, listingCode, listing, row, today) : [],
  };
}
