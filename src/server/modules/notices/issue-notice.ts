import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { IssueNoticeBody } from "../../../contracts/notices";
import { hazard, hazardEvent, institution, notice, noticeHazard } from "../../../db/schema";
import { noticeNumber } from "../../../domain/document-numbers";
import { BUILT_IN_HAZARD_CATEGORIES } from "../../../domain/hazard-categories";
import { HAZARD_GRADES, HAZARD_STATES, type HazardState, isOpen } from "../../../domain/hazard-lifecycle";
import { type NoticeHazardLine, noticeContent, noticeProblem } from "../../../domain/notices";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Tx } from "../../platform/db";
import { badRequest, conflict, forbidden, notFound } from "../../platform/http/errors";
import { inScope } from "../../platform/scope";
import { nextSerial } from "../../platform/serials";
import { HAZARD_SCOPE } from "../hazards/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { hazardSettingsOf } from "../settings/hazard-settings";
import { findNotice, noticeDetail } from "./queries";

/** 128 random bits, URL-safe: what the QR code carries, unrelated to the notice's id or number. */
export const newVerifyCode = () => randomBytes(16).toString("base64url");

const lineOf = (row: typeof hazard.$inferSelect): NoticeHazardLine => ({
  number: row.number,
  place: row.place,
  category: BUILT_IN_HAZARD_CATEGORIES[row.category as keyof typeof BUILT_IN_HAZARD_CATEGORIES] ?? row.category,
  description: row.description,
  basis: row.basis,
  grade: HAZARD_GRADES[row.grade as keyof typeof HAZARD_GRADES] ?? row.grade,
  deadline: row.deadline,
  responsiblePerson: row.responsiblePerson,
  responsiblePhone: row.responsiblePhone,
});

/**
 * Issues a 整改通知书 or 卫生监督意见书 for open hazards of one institution in the caller's scope: the
 * hazards are locked (in id order, so two issuers never wait on each other crosswise), the notice
 * takes the next number of the caller's authority for the year, and the notice, its hazards, an
 * event on each hazard and the audit record commit together.
 */
export async function issueNotice({ db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">, actor: UserActor, body: IssueNoticeBody) {
  const today = clock.today();
  return db.transaction((tx) => issueNoticeIn(tx, directory, actor, body, today));
}

/**
 * issueNotice in the caller's transaction: an inspection issues its notice in the transaction that
 * records its hazards. Answers the notice as its detail page shows it.
 */
export async function issueNoticeIn(tx: Tx, directory: JurisdictionDirectory, actor: UserActor, body: IssueNoticeBody, today: string) {
  const authorityCode = actor.user.jurisdictionCode;
  const authority = authorityCode ? directory.get(authorityCode) : undefined;
  if (!authorityCode || !authority) throw forbidden("只有监管部门的用户可以开具通知书");
  const ids = [...new Set(body.hazardIds)];
  if (ids.length !== body.hazardIds.length) throw badRequest("隐患：同一隐患不能重复列入", "hazardIds");
  const rows = await tx
    .select()
    .from(hazard)
    .where(and(inArray(hazard.id, ids), inScope(actor.scope, HAZARD_SCOPE)))
    .orderBy(asc(hazard.id))
    .for("update");
  if (rows.length !== ids.length) throw badRequest(`隐患：有 ${ids.length - rows.length} 项不存在或不在管辖范围内`, "hazardIds");
  const institutionIds = new Set(rows.map((row) => row.institutionId));
  if (institutionIds.size > 1) throw badRequest("隐患：一份文书只能列入同一机构的隐患", "hazardIds");
  const closed = rows.find((row) => !isOpen(row.state as HazardState));
  if (closed) throw conflict(`隐患 ${closed.number} 当前状态为「${HAZARD_STATES[closed.state as HazardState]}」，不能列入通知书`, "hazardIds");
  const [owner] = await tx
    .select()
    .from(institution)
    .where(eq(institution.id, rows[0]?.institutionId as string));
  if (!owner) throw notFound("机构不存在");

  const ordered = [...rows].sort((a, b) => a.number.localeCompare(b.number));
  const lines = ordered.map(lineOf);
  const problem = noticeProblem(body, lines, today);
  if (problem) throw badRequest(problem.message, problem.field);

  const year = Number(today.slice(0, 4));
  const { noticePrefix } = await hazardSettingsOf(tx, directory, authorityCode);
  const number = noticeNumber(noticePrefix, year, await nextSerial(tx, authorityCode, "notice", year));
  const content = noticeContent(body, {
    number,
    authorityName: authority.authorityName,
    issuedOn: today,
    institution: { name: owner.name, address: owner.address, contactPhone: owner.contactPhone },
    hazards: lines,
  });
  const [row] = await tx
    .insert(notice)
    .values({
      number,
      kind: body.kind,
      authorityCode,
      institutionId: owner.id,
      jurisdictionPath: owner.jurisdictionPath,
      verifyCode: newVerifyCode(),
      issuedOn: today,
      issuedBy: actor.user.id,
      content,
    })
    .returning({ id: notice.id });
  if (!row) throw new Error("the notice insert returned no row");
  await tx.insert(noticeHazard).values(ordered.map((h) => ({ noticeId: row.id, hazardId: h.id })));
  await tx.insert(hazardEvent).values(
    ordered.map((h) => ({
      hazardId: h.id,
      kind: "notice",
      round: h.round,
      actorId: actor.user.id,
      actorName: actor.user.displayName,
      details: { noticeId: row.id, number, kind: body.kind, title: content.title },
    })),
  );
  await writeAudit(tx, actor, {
    action: "notice.issue",
    target: { type: "notice", id: row.id, path: owner.jurisdictionPath, name: number },
    detail: { number, kind: content.title, institution: owner.name, hazards: ordered.map((h) => h.number) },
  });
  const issued = await findNotice(tx, actor.scope, row.id);
  if (!issued) throw new Error("the issued notice is not in its issuer's scope");
  return noticeDetail(tx, issued);
}
