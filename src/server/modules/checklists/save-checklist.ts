import { and, eq } from "drizzle-orm";
import type { FieldChanges } from "../../../contracts/audit";
import type { ChecklistBody, ChecklistContent, ChecklistEditBody } from "../../../contracts/checklists";
import { checklist, checklistVersion } from "../../../db/schema";
import { checklistProblems, keyStabilityProblems } from "../../../domain/checklists";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { DbOrTx, Tx } from "../../platform/db";
import { conflict, forbidden, invalidInput, notFound } from "../../platform/http/errors";
import { type ChecklistListRow, checklistDetail, findChecklist, readerOf } from "./queries";
import { applyChecklistContent, insertChecklist } from "./versions";

type Deps = Pick<AppDeps, "db" | "directory">;

export const CHECKLIST_NOT_FOUND = "检查表不存在";

/** The authority whose templates the caller keeps. */
export function ownAuthority(actor: UserActor): string {
  const code = actor.user.jurisdictionCode;
  if (!code || actor.user.institutionId) throw forbidden("只有监管部门的用户可以管理检查表");
  return code;
}

/** Content the schema accepted but the checklist rules refuse (repeated keys, a score on a compliance item…): 400 naming each. */
function refuseInconsistent(content: ChecklistContent, previous?: ChecklistContent) {
  const problems = [...checklistProblems(content), ...(previous ? keyStabilityProblems(previous, content) : [])].map((p) => ({
    field: `content.${p.field}`,
    message: p.message,
  }));
  if (problems.length > 0) throw invalidInput(problems);
}

async function refuseTakenName(tx: DbOrTx, authorityCode: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: checklist.id })
    .from(checklist)
    .where(and(eq(checklist.authorityCode, authorityCode), eq(checklist.name, name)));
  if (taken && taken.id !== exceptId) throw conflict(`检查表名称：本部门已有名为「${name}」的检查表`, "name");
}

const pathOf = (deps: Deps, authorityCode: string | null) => (authorityCode ? (deps.directory.get(authorityCode)?.path ?? null) : null);

/**
 * A template the caller may change: visible, and their own authority's (a shipped or higher one is
 * copied first), and not archived. Locked when read in the transaction that changes it.
 */
export async function ownChecklist(tx: DbOrTx, actor: UserActor, id: string, options: { lock: boolean; archived?: "allowed" }): Promise<ChecklistListRow> {
  const authorityCode = ownAuthority(actor);
  const found = await findChecklist(tx, readerOf(actor), id, { lock: options.lock });
  if (!found) throw notFound(CHECKLIST_NOT_FOUND);
  if (found.row.authorityCode !== authorityCode) {
    throw forbidden(
      found.row.authorityCode === null ? "系统内置的检查表不能修改，请复制为本部门的检查表后修改" : "上级部门的检查表不能修改，请复制为本部门的检查表后修改",
    );
  }
  if (found.row.archived && options.archived !== "allowed") throw conflict("检查表已归档，恢复后才能修改");
  return found;
}

async function detailAfter(tx: Tx, deps: Deps, actor: UserActor, id: string) {
  const reader = readerOf(actor);
  const found = await findChecklist(tx, reader, id);
  const detail = found && (await checklistDetail(tx, deps.directory, reader, found));
  if (!detail) throw notFound(CHECKLIST_NOT_FOUND);
  return detail;
}

/** A new template of the caller's authority, as version 1; written whole or not at all, with its audit record. */
export async function createChecklist(deps: Deps, actor: UserActor, body: ChecklistBody, origin: { copiedFrom?: string; imported?: boolean } = {}, tx?: Tx) {
  const authorityCode = ownAuthority(actor);
  refuseInconsistent(body.content);
  const write = async (t: Tx) => {
    await refuseTakenName(t, authorityCode, body.name);
    const row = await insertChecklist(t, { authorityCode, name: body.name, content: body.content, createdBy: actor.user.id });
    const detail = await detailAfter(t, deps, actor, row.id);
    await writeAudit(t, actor, {
      action: "checklist.create",
      target: { type: "checklist", id: row.id, path: pathOf(deps, authorityCode), name: body.name },
      detail: { name: body.name, version: 1, itemCount: detail.itemCount, ...origin },
    });
    return detail;
  };
  return tx ? write(tx) : deps.db.transaction(write);
}

/**
 * An edit of the caller's own template by the versioning rule: the current version is corrected
 * while nothing has used it; once a campaign or inspection has, the edit becomes the next version
 * and the used one stays as it was. An edit that started from an older version than the current
 * one is refused (someone else saved meanwhile), so nobody's work is silently overwritten.
 */
export async function updateChecklist(deps: Deps, actor: UserActor, id: string, body: ChecklistEditBody) {
  return deps.db.transaction(async (tx) => (await reviseChecklist(tx, deps, actor, id, body.baseVersion, async () => body)).detail);
}

/**
 * The edit of updateChecklist in the caller's transaction, its new name and content made from the
 * locked template and its current content (an imported workbook takes the current items' keys so).
 */
export async function reviseChecklist(
  tx: Tx,
  deps: Deps,
  actor: UserActor,
  id: string,
  baseVersion: number,
  revise: (row: ChecklistListRow["row"], current: ChecklistContent) => Promise<ChecklistBody>,
  origin: { imported?: boolean } = {},
) {
  const found = await ownChecklist(tx, actor, id, { lock: true });
  const { row } = found;
  if (baseVersion !== row.currentVersion) {
    throw conflict(`检查表已被修改为第 ${row.currentVersion} 版，请刷新后在最新版本上修改`, "baseVersion");
  }
  const [current] = await tx
    .select({ content: checklistVersion.content })
    .from(checklistVersion)
    .where(and(eq(checklistVersion.checklistId, row.id), eq(checklistVersion.version, row.currentVersion)));
  if (!current) throw new Error(`checklist ${row.id} has no version ${row.currentVersion}`);
  const body = await revise(row, current.content as ChecklistContent);
  refuseInconsistent(body.content, current.content as ChecklistContent);
  const changes: FieldChanges = {};
  if (body.name !== row.name) {
    await refuseTakenName(tx, row.authorityCode as string, body.name, row.id);
    await tx.update(checklist).set({ name: body.name, updatedAt: new Date() }).where(eq(checklist.id, row.id));
    changes.name = { from: row.name, to: body.name };
  }
  const edit = await applyChecklistContent(tx, row, body.content, actor.user.id);
  const detail = await detailAfter(tx, deps, actor, row.id);
  if (edit.kind === "unchanged" && !changes.name) return { detail, edit };
  if (detail.itemCount !== found.itemCount) changes.itemCount = { from: found.itemCount, to: detail.itemCount };
  await writeAudit(tx, actor, {
    action: "checklist.update",
    target: { type: "checklist", id: row.id, path: pathOf(deps, row.authorityCode), name: body.name },
    detail: { name: body.name, version: detail.currentVersion, newVersion: edit.kind === "new_version", itemCount: detail.itemCount, changes, ...origin },
  });
  return { detail, edit };
}

/** Archives (no longer offered to new campaigns) or restores the caller's own template; versions and their uses stay. */
export async function setChecklistArchived(deps: Deps, actor: UserActor, id: string, archived: boolean) {
  return deps.db.transaction(async (tx) => {
    const { row } = await ownChecklist(tx, actor, id, { lock: true, archived: "allowed" });
    if (row.archived === archived) throw conflict(archived ? "检查表已是“已归档”状态" : "检查表已是“使用中”状态");
    await tx.update(checklist).set({ archived, updatedAt: new Date() }).where(eq(checklist.id, row.id));
    await writeAudit(tx, actor, {
      action: archived ? "checklist.archive" : "checklist.restore",
      target: { type: "checklist", id: row.id, path: pathOf(deps, row.authorityCode), name: row.name },
      detail: { name: row.name },
    });
    return detailAfter(tx, deps, actor, row.id);
  });
}

/** A copy of a template the caller reads (shipped, or of an authority above) as their authority's own, to adapt. */
export async function copyChecklist(deps: Deps, actor: UserActor, id: string, name: string) {
  const reader = readerOf(actor);
  return deps.db.transaction(async (tx) => {
    const found = await findChecklist(tx, reader, id);
    if (!found) throw notFound(CHECKLIST_NOT_FOUND);
    const [current] = await tx
      .select({ content: checklistVersion.content })
      .from(checklistVersion)
      .where(and(eq(checklistVersion.checklistId, found.row.id), eq(checklistVersion.version, found.row.currentVersion)));
    if (!current) throw notFound(CHECKLIST_NOT_FOUND);
    return createChecklist(deps, actor, { name, content: current.content as ChecklistContent }, { copiedFrom: found.row.name }, tx);
  });
}
