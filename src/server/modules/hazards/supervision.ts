/**
 * 提级管理 and 挂牌督办 of major hazards (domain/hazard-listing.ts): the listing authority lists a
 * major hazard, records the publication of the listing and of its delisting, alone closes it and
 * decides its extensions; the institution acknowledges receipt (签收). Each step is a change of the
 * hazard (a new version, an event on its timeline and an audit record), in one transaction.
 */
import { eq } from "drizzle-orm";
import type { HazardCommandBody } from "../../../contracts/hazards";
import { hazardListing } from "../../../db/schema";
import { listingNumber } from "../../../domain/document-numbers";
import { type HazardFacts, type HazardState, isOpen } from "../../../domain/hazard-lifecycle";
import { extensionLeadProblem, listingAuthorityCode, listingAuthorityProblem } from "../../../domain/hazard-listing";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import type { Tx } from "../../platform/db";
import { badRequest, conflict, forbidden } from "../../platform/http/errors";
import { nextSerial } from "../../platform/serials";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { hazardSettingsOf, loadWorkingCalendar } from "../settings/hazard-settings";
import { applyHazardChange, lockForChange } from "./hazard-change";
import { type HazardWithInstitution, hazardDetail } from "./queries";
import { activeListing, authorityName, latestListing } from "./supervision-view";

/**
 * The checks a command on a major hazard must pass before the lifecycle rules decide, and what a
 * decided change means for its listing: closing, voiding or downgrading it ends the listing
 * (摘牌), an approved extension moves the listing's deadline.
 */
export async function supervisionGate(
  tx: Tx,
  directory: JurisdictionDirectory,
  actor: UserActor,
  found: HazardWithInstitution,
  command: HazardCommandBody["command"],
  today: string,
) {
  const { row } = found;
  const listing = await activeListing(tx, row.id);
  const listingCode = listing?.listingAuthorityCode ?? listingAuthorityCode(row.jurisdictionPath);
  if (actor.user.jurisdictionCode) {
    const problem = listingAuthorityProblem(
      { grade: row.grade as HazardFacts["grade"] },
      command.kind,
      actor.user.jurisdictionCode,
      listingCode,
      authorityName(directory, listingCode),
    );
    if (problem) throw forbidden(problem);
  }
  if (command.kind === "request_extension" && listing && row.deadline) {
    const [settings, calendar] = await Promise.all([hazardSettingsOf(tx, directory, listingCode), loadWorkingCalendar(tx)]);
    const problem = extensionLeadProblem(calendar, settings, today, row.deadline);
    if (problem) throw conflict(problem, "requestedDeadline");
  }
  return {
    async afterChange(after: HazardFacts) {
      if (!listing) return;
      const ends = after.state === "closed" || after.state === "voided" || after.grade !== "major";
      if (ends) {
        await tx.update(hazardListing).set({ delistedOn: today, delistedBy: actor.user.id }).where(eq(hazardListing.id, listing.id));
      } else if (after.deadline && after.deadline !== listing.deadline) {
        await tx.update(hazardListing).set({ deadline: after.deadline }).where(eq(hazardListing.id, listing.id));
      }
    },
  };
}

function requireListingAuthority(directory: JurisdictionDirectory, actor: UserActor, path: string) {
  const listingCode = listingAuthorityCode(path);
  if (actor.user.jurisdictionCode !== listingCode) {
    throw forbidden(`重大隐患由${authorityName(directory, listingCode)}挂牌督办，须由其办理`);
  }
  return listingCode;
}

/** 挂牌: the listing authority lists an open major hazard with its own document number. */
export async function listHazard(
  { db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">,
  actor: UserActor,
  id: string,
  body: { version: number; supervisingDepartment: string; deadline: string },
) {
  const today = clock.today();
  return db.transaction(async (tx) => {
    const found = await lockForChange(tx, actor.scope, id, body.version);
    const { row } = found;
    const listingCode = requireListingAuthority(directory, actor, row.jurisdictionPath);
    if (row.grade !== "major") throw conflict("只有重大隐患实行挂牌督办", "grade");
    if (!isOpen(row.state as HazardState)) throw conflict(`隐患当前状态为「${row.state === "closed" ? "已销号" : "已作废"}」，不能挂牌督办`);
    if (await activeListing(tx, row.id)) throw conflict("该隐患已在挂牌督办中");
    if (body.deadline < today) throw badRequest("督办整改期限：不能早于今天", "deadline");
    const year = Number(today.slice(0, 4));
    const { listingPrefix } = await hazardSettingsOf(tx, directory, listingCode);
    const documentNumber = listingNumber(listingPrefix, year, await nextSerial(tx, listingCode, "listing", year));
    await tx.insert(hazardListing).values({
      hazardId: row.id,
      listingAuthorityCode: listingCode,
      documentNumber,
      deadline: body.deadline,
      supervisingDepartment: body.supervisingDepartment,
      listedOn: today,
      listedBy: actor.user.id,
    });
    const movesDeadline = row.handling === "by_deadline" && row.deadline !== body.deadline;
    const applied = await applyHazardChange(tx, actor, found, {
      kind: "list",
      label: "挂牌督办",
      set: movesDeadline ? { deadline: body.deadline } : {},
      details: {
        documentNumber,
        supervisingDepartment: body.supervisingDepartment,
        deadline: body.deadline,
        listingAuthority: authorityName(directory, listingCode),
      },
      changed: movesDeadline ? { deadline: { from: row.deadline, to: body.deadline } } : {},
    });
    return hazardDetail(tx, directory, applied.found, today);
  });
}

/** Records that the listing, or its delisting, has been published (公布), as its clock asks. */
export async function publishListing(
  { db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">,
  actor: UserActor,
  id: string,
  body: { version: number; stage: "listing" | "delisting" },
) {
  const today = clock.today();
  return db.transaction(async (tx) => {
    const found = await lockForChange(tx, actor.scope, id, body.version);
    requireListingAuthority(directory, actor, found.row.jurisdictionPath);
    const listing = await latestListing(tx, found.row.id);
    if (!listing) throw conflict("该隐患尚未挂牌督办");
    if (body.stage === "listing") {
      if (listing.publishedOn) throw conflict(`挂牌督办已于 ${listing.publishedOn} 公布`);
      await tx.update(hazardListing).set({ publishedOn: today }).where(eq(hazardListing.id, listing.id));
    } else {
      if (!listing.delistedOn) throw conflict("该隐患尚未摘牌销号");
      if (listing.delistingPublishedOn) throw conflict(`摘牌销号已于 ${listing.delistingPublishedOn} 公布`);
      await tx.update(hazardListing).set({ delistingPublishedOn: today }).where(eq(hazardListing.id, listing.id));
    }
    const label = body.stage === "listing" ? "公布挂牌督办" : "公布摘牌销号";
    const applied = await applyHazardChange(tx, actor, found, { kind: `publish_${body.stage}`, label, details: { documentNumber: listing.documentNumber } });
    return hazardDetail(tx, directory, applied.found, today);
  });
}

/** 签收: the institution acknowledges receipt of the listing, once. */
export async function acknowledgeListing({ db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">, actor: UserActor, id: string, version: number) {
  if (actor.scope.kind !== "institution") throw forbidden("挂牌督办由被督办机构签收");
  const today = clock.today();
  return db.transaction(async (tx) => {
    const found = await lockForChange(tx, actor.scope, id, version);
    const listing = await activeListing(tx, found.row.id);
    if (!listing) throw conflict("该隐患没有进行中的挂牌督办");
    if (listing.acknowledgedAt) throw conflict(`已于 ${listing.acknowledgedAt.toISOString()} 签收`);
    await tx.update(hazardListing).set({ acknowledgedAt: new Date(), acknowledgedBy: actor.user.id }).where(eq(hazardListing.id, listing.id));
    const applied = await applyHazardChange(tx, actor, found, {
      kind: "acknowledge_listing",
      label: "签收挂牌督办",
      details: { documentNumber: listing.documentNumber },
    });
    return hazardDetail(tx, directory, applied.found, today);
  });
}
