import { randomBytes } from "node:crypto";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { DrawBody, DrawDetail, DrawSummary, PublicDraw, RerunReport } from "../../../contracts/draws";
import { appUser, campaign, campaignAssignment, campaignDraw, inspection, jurisdiction } from "../../../db/schema";
import { chinaMinute } from "../../../domain/calendar";
import {
  DRAW_ALGORITHM,
  DRAW_ALGORITHM_VERSION,
  type DrawParameters,
  type DrawPool,
  type DrawResult,
  RECUSAL_REASONS,
  rerunDraw,
  runDraw,
} from "../../../domain/random-draw";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { anyOf, type Db, type DbOrTx } from "../../platform/db";
import { conflict, notFound } from "../../platform/http/errors";
import type { Scope } from "../../platform/scope";
import { requireCampaign } from "../campaigns/queries";
import { insertDrawnAssignments } from "../campaigns/scope-rule";
import { visibleCampaigns } from "../campaigns/visibility";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { campaignToChange, refuseUnlessManager } from "./campaign-change";
import { newSeed } from "./groups";
import { drawPoolOf } from "./pool";

const DRAW_NOT_FOUND = "抽取记录不存在";

/** 128 random bits, URL-safe: the public page's address, unrelated to the draw's id. */
const newPublicCode = () => randomBytes(16).toString("base64url");
export const publicPathOf = (code: string) => `/public/draws/${code}`;

type DrawRow = typeof campaignDraw.$inferSelect;

const fromDraws = (db: DbOrTx) =>
  db
    .select({ draw: campaignDraw, campaign, operatorName: appUser.displayName })
    .from(campaignDraw)
    .innerJoin(campaign, eq(campaign.id, campaignDraw.campaignId))
    .innerJoin(appUser, eq(appUser.id, campaignDraw.operatorId));

type DrawSource = Awaited<ReturnType<ReturnType<typeof fromDraws>["execute"]>>[number];

async function drawFor(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<DrawSource> {
  const query = fromDraws(db).where(and(eq(campaignDraw.id, id), visibleCampaigns(scope)));
  const [found] = options.lock ? await query.for("update", { of: campaignDraw }) : await query;
  if (!found) throw notFound(DRAW_NOT_FOUND);
  return found;
}

const poolOf = (row: DrawRow) => row.pool as DrawPool;
const resultOf = (row: DrawRow) => row.result as DrawResult;

function toSummary({ draw, operatorName }: DrawSource): DrawSummary {
  return {
    id: draw.id,
    campaignId: draw.campaignId,
    algorithm: draw.algorithm,
    algorithmVersion: draw.algorithmVersion,
    seed: draw.seed,
    poolSize: draw.poolSize,
    inspectorPoolSize: poolOf(draw).inspectors.length,
    drawnCount: resultOf(draw).drawn.length,
    operatorName,
    witness: draw.witness,
    drawnAt: draw.drawnAt.toISOString(),
    publishedAt: draw.publishedAt?.toISOString() ?? null,
    publicPath: draw.publicCode ? publicPathOf(draw.publicCode) : null,
  };
}

/** The record with names as they were in the pool when drawn. */
function toDetail(source: DrawSource): DrawDetail {
  const pool = poolOf(source.draw);
  const institutionName = new Map(pool.institutions.map((one) => [one.id, one.name]));
  const inspectors = new Map(pool.inspectors.map((one) => [one.id, { id: one.id, kind: one.kind, name: one.name }]));
  const inspectorOf = (id: string) => inspectors.get(id) ?? { id, kind: "user" as const, name: "" };
  return {
    ...toSummary(source),
    parameters: source.draw.parameters as DrawParameters,
    drawn: resultOf(source.draw).drawn.map((one) => ({
      institution: { id: one.institutionId, name: institutionName.get(one.institutionId) ?? "" },
      inspectors: one.inspectorIds.map(inspectorOf),
      recusals: one.recusals.map((r) => ({ ...inspectorOf(r.inspectorId), reason: RECUSAL_REASONS[r.reason] })),
    })),
  };
}

export async function campaignDraws(db: DbOrTx, scope: Scope, campaignId: string): Promise<DrawSummary[]> {
  const found = await requireCampaign(db, scope, campaignId);
  const rows = await fromDraws(db).where(eq(campaignDraw.campaignId, found.id)).orderBy(asc(campaignDraw.drawnAt));
  return rows.map(toSummary);
}

export async function drawDetail(db: DbOrTx, scope: Scope, id: string): Promise<DrawDetail> {
  return toDetail(await drawFor(db, scope, id));
}

/**
 * Runs a campaign's draw and records it as evidence, then puts its result to work in the same
 * transaction: a campaign chosen by draw gets an assignment for each drawn institution; any other has
 * its drawn institutions' assignments marked. Either way each carries its matched inspectors. A
 * campaign is drawn once: drawing again until a result pleases would defeat the lottery.
 */
export async function runCampaignDraw(
  { db, directory }: { db: Db; directory: JurisdictionDirectory },
  actor: UserActor,
  campaignId: string,
  body: DrawBody,
): Promise<DrawDetail> {
  const seed = body.seed || newSeed();
  const parameters: DrawParameters = { quantity: body.quantity, inspectorsPerInstitution: body.inspectorsPerInstitution };
  return db.transaction(async (tx) => {
    const found = await campaignToChange(tx, actor, campaignId, "抽取");
    const [earlier] = await tx.select({ drawnAt: campaignDraw.drawnAt }).from(campaignDraw).where(eq(campaignDraw.campaignId, found.id));
    if (earlier) throw conflict(`本检查工作已于 ${chinaMinute(earlier.drawnAt)} 抽取，每项检查工作只抽取一次`);
    const outcome = runDraw(await drawPoolOf(tx, directory, found), parameters, seed);
    if (!outcome.ok) throw conflict(outcome.message, "inspectorsPerInstitution");
    if (outcome.pool.institutions.length === 0) throw conflict("抽取池中没有机构：检查工作的范围内没有在册机构或尚未检查的机构");
    const [row] = await tx
      .insert(campaignDraw)
      .values({
        campaignId: found.id,
        parameters,
        algorithm: DRAW_ALGORITHM,
        algorithmVersion: DRAW_ALGORITHM_VERSION,
        seed,
        pool: outcome.pool,
        poolSize: outcome.pool.institutions.length,
        result: outcome.result,
        operatorId: actor.user.id,
        witness: body.witness,
      })
      .returning({ id: campaignDraw.id });
    if (!row) throw new Error("the draw insert returned no row");

    const inspectorOf = new Map(outcome.pool.inspectors.map((one) => [one.id, { kind: one.kind, id: one.id, name: one.name }]));
    const matches = JSON.stringify(
      outcome.result.drawn.map((one) => ({ institution_id: one.institutionId, inspectors: one.inspectorIds.map((id) => inspectorOf.get(id)) })),
    );
    if (found.selection === "draw")
      await insertDrawnAssignments(
        tx,
        directory,
        found,
        outcome.result.drawn.map((one) => one.institutionId),
      );
    await tx.execute(sql`
      update ${campaignAssignment} set drawn_inspectors = d.inspectors, updated_at = now()
      from jsonb_to_recordset(${matches}::jsonb) as d(institution_id uuid, inspectors jsonb)
      where ${campaignAssignment.campaignId} = ${found.id} and ${campaignAssignment.institutionId} = d.institution_id`);
    await writeAudit(tx, actor, {
      action: "draw.run",
      target: { type: "draw", id: row.id, path: found.authorityPath, name: found.name },
      detail: {
        campaign: found.name,
        seed,
        algorithm: DRAW_ALGORITHM,
        version: DRAW_ALGORITHM_VERSION,
        poolSize: outcome.pool.institutions.length,
        drawn: outcome.result.drawn.length,
        witness: body.witness,
      },
    });
    return toDetail(await drawFor(tx, actor.scope, row.id));
  });
}

/**
 * Runs a recorded draw again with its seed and parameters: over the recorded pool it must give the
 * recorded result; over today's pool it reports what changed and whether the result would.
 */
export async function rerunRecordedDraw(
  { db, directory }: { db: DbOrTx; directory: JurisdictionDirectory },
  scope: Scope,
  id: string,
  over: "recorded" | "today",
): Promise<RerunReport> {
  const source = await drawFor(db, scope, id);
  const { draw } = source;
  if (draw.algorithmVersion !== DRAW_ALGORITHM_VERSION || draw.algorithm !== DRAW_ALGORITHM)
    throw conflict(`该记录由算法 ${draw.algorithm} 第 ${draw.algorithmVersion} 版生成，本系统为第 ${DRAW_ALGORITHM_VERSION} 版，不能复核`);
  const recorded = { pool: poolOf(draw), parameters: draw.parameters as DrawParameters, seed: draw.seed, result: resultOf(draw) };
  const pool = over === "recorded" ? recorded.pool : await drawPoolOf(db, directory, source.campaign);
  const report = rerunDraw(recorded, pool);
  const named = (rows: readonly { id: string; name: string }[]) => rows.map(({ id, name }) => ({ id, name }));
  const nameIn = (list: readonly { id: string; name: string }[]) => {
    const names = new Map(list.map((one) => [one.id, one.name]));
    return (ids: string[]) => ids.map((id) => ({ id, name: names.get(id) ?? "" }));
  };
  return {
    pool: over,
    poolSize: new Set(pool.institutions.map((one) => one.id)).size,
    sameResult: report.sameResult,
    failure: report.outcome.ok ? null : report.outcome.message,
    institutionsAdded: named(report.difference.institutionsAdded),
    institutionsRemoved: named(report.difference.institutionsRemoved),
    inspectorsAdded: named(report.difference.inspectorsAdded),
    inspectorsRemoved: named(report.difference.inspectorsRemoved),
    drawnAdded: nameIn(pool.institutions)(report.drawnAdded),
    drawnRemoved: nameIn(recorded.pool.institutions)(report.drawnRemoved),
  };
}

/** 一公开: gives the draw its public page, once. */
export async function publishDraw(db: Db, actor: UserActor, id: string): Promise<DrawDetail> {
  return db.transaction(async (tx) => {
    const source = await drawFor(tx, actor.scope, id, { lock: true });
    refuseUnlessManager(actor, source.campaign, "公示");
    if (source.draw.publishedAt) throw conflict(`抽取结果已于 ${chinaMinute(source.draw.publishedAt)} 公示`);
    await tx.update(campaignDraw).set({ publishedAt: new Date(), publicCode: newPublicCode() }).where(eq(campaignDraw.id, id));
    await writeAudit(tx, actor, {
      action: "draw.publish",
      target: { type: "draw", id, path: source.campaign.authorityPath, name: source.campaign.name },
      detail: { campaign: source.campaign.name, drawnAt: source.draw.drawnAt.toISOString() },
    });
    return toDetail(await drawFor(tx, actor.scope, id));
  });
}

/**
 * What the public page of a published draw shows: the campaign, its authority, and each drawn
 * institution (by its name as drawn) with its outcome once recorded. For an unannounced campaign
 * (四不两直) an institution appears only once its inspection is recorded, so the page never tells
 * anyone in advance who will be visited.
 */
export async function publicDraw(db: DbOrTx, code: string): Promise<PublicDraw | undefined> {
  const [found] = await db
    .select({ draw: campaignDraw, campaignName: campaign.name, unannounced: campaign.unannounced, authorityName: jurisdiction.authorityName })
    .from(campaignDraw)
    .innerJoin(campaign, eq(campaign.id, campaignDraw.campaignId))
    .innerJoin(jurisdiction, eq(jurisdiction.code, campaign.authorityCode))
    .where(and(eq(campaignDraw.publicCode, code), isNotNull(campaignDraw.publishedAt)));
  if (!found) return undefined;
  const outcomes = await db
    .select({ institutionId: campaignAssignment.institutionId, state: campaignAssignment.state, hazardCount: inspection.hazardCount })
    .from(campaignAssignment)
    .leftJoin(inspection, eq(inspection.id, campaignAssignment.inspectionId))
    .where(
      and(
        eq(campaignAssignment.campaignId, found.draw.campaignId),
        anyOf(
          campaignAssignment.institutionId,
          resultOf(found.draw).drawn.map((one) => one.institutionId),
        ),
      ),
    );
  const outcomeOf = new Map(outcomes.map((one) => [one.institutionId, one]));
  const names = new Map(poolOf(found.draw).institutions.map((one) => [one.id, one.name]));
  const institutions = resultOf(found.draw)
    .drawn.map((one) => {
      const outcome = outcomeOf.get(one.institutionId);
      const inspected = outcome?.state === "inspected";
      return { name: names.get(one.institutionId) ?? "", inspected, hazardCount: inspected ? (outcome?.hazardCount ?? null) : null };
    })
    .filter((one) => !found.unannounced || one.inspected);
  return { campaignName: found.campaignName, authorityName: found.authorityName, institutions };
}
