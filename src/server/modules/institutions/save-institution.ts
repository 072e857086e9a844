import { eq, sql } from "drizzle-orm";
import type { FieldChanges } from "../../../contracts/audit";
import { type DeregisterBody, type InstitutionInput, InstitutionUpdate } from "../../../contracts/institutions";
import { labelAt } from "../../../contracts/validation";
import { institution } from "../../../db/schema";
import { checkCreditCode } from "../../../domain/credit-code";
import { INSTITUTION_STATUSES, type InstitutionStatus } from "../../../domain/institution-grades";
import { can, INSTITUTION_REGISTRY_FIELDS } from "../../../domain/permissions";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { type AuditTarget, writeAudit } from "../../platform/audit";
import type { DbOrTx, Tx } from "../../platform/db";
import { type AppError, badRequest, conflict, forbidden, notFound } from "../../platform/http/errors";
import { moveInstitutionRecords } from "../../platform/institution-records";
import { jurisdictionInScope, type Scope } from "../../platform/scope";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { findInstitution, type InstitutionRow, registeredCreditCodes, toDetail } from "./queries";

type Deps = Pick<AppDeps, "db" | "directory">;

/** Why an institution may not sit in `code` for this caller, or null. Institutions sit in leaves (counties). */
export function jurisdictionProblem(directory: JurisdictionDirectory, scope: Scope, code: string): string | null {
  const j = directory.get(code);
  if (!j) return "行政区划代码不存在";
  if (!j.isLeaf) return `应为县（市、区）级行政区划，“${j.name}”下还有下级区划`;
  if (!jurisdictionInScope(scope, j.path)) return `“${j.name}”不在您的管辖范围内`;
  return null;
}

export function creditCodeWarning(code: string): string | null {
  const check = checkCreditCode(code);
  return check.status === "checksum_mismatch" ? `统一社会信用代码校验位不符（按 GB 32100 应为 ${check.expected}），已按原样保存，请核对` : null;
}

/** Column values of an institution from validated input; the path comes from the jurisdiction, never from the client. */
export function institutionValues(directory: JurisdictionDirectory, input: InstitutionInput) {
  const j = directory.get(input.jurisdictionCode);
  if (!j) throw badRequest("所在县（市、区）：行政区划代码不存在", "jurisdictionCode");
  return { ...input, jurisdictionPath: j.path, creditCodeChecksumOk: checkCreditCode(input.creditCode).status === "valid" };
}

const EDITABLE_FIELDS = Object.keys(InstitutionUpdate.shape) as (keyof InstitutionInput)[];

/** The editable fields of a stored institution, as an update would replace them. */
export function editableValues(row: InstitutionRow): InstitutionInput {
  return Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, row[field]])) as InstitutionInput;
}

export function changedFields(before: InstitutionInput, after: InstitutionInput): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of EDITABLE_FIELDS) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}

async function assertCreditCodeFree(db: DbOrTx, code: string, exceptId?: string) {
  // The other holder may be outside the caller's scope, so its name is not revealed.
  if ((await registeredCreditCodes(db, [code], exceptId)).size > 0) throw conflict("统一社会信用代码：该代码已登记给其他机构", "creditCode");
}

const targetOf = (row: InstitutionRow): AuditTarget => ({ type: "institution", id: row.id, path: row.jurisdictionPath, name: row.name });

/** What the save routes answer: the record as the caller sees it, and a warning for a doubtful credit code. */
function saved(directory: JurisdictionDirectory, row: InstitutionRow, actor: UserActor) {
  return { institution: toDetail(directory, row, actor), warnings: [creditCodeWarning(row.creditCode)].filter((w) => w !== null) };
}

export async function createInstitution({ db, directory }: Deps, actor: UserActor, input: InstitutionInput) {
  const problem = jurisdictionProblem(directory, actor.scope, input.jurisdictionCode);
  if (problem) throw badRequest(`所在县（市、区）：${problem}`, "jurisdictionCode");
  return db.transaction(async (tx) => {
    await assertCreditCodeFree(tx, input.creditCode);
    const [row] = await tx.insert(institution).values(institutionValues(directory, input)).returning();
    if (!row) throw new Error("insert returned no row");
    await writeAudit(tx, actor, { action: "institution.create", target: targetOf(row), detail: { name: row.name } });
    return saved(directory, row, actor);
  });
}

/** Loads the institution for a change, locked until the transaction ends; out of scope reads as missing. */
async function lockInstitution(tx: Tx, scope: Scope, id: string): Promise<InstitutionRow> {
  const row = await findInstitution(tx, scope, id, { lock: true });
  if (!row) throw notFound("机构不存在");
  return row;
}

/**
 * Writes an institution's changed fields. Moving it to another county needs authority over the
 * destination too, and takes its records along (platform/institution-records.ts).
 */
export async function applyInstitutionChanges(tx: Tx, directory: JurisdictionDirectory, id: string, before: InstitutionInput, input: InstitutionInput) {
  const values = institutionValues(directory, input);
  const [row] = await tx
    .update(institution)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(institution.id, id))
    .returning();
  if (!row) throw notFound("机构不存在");
  if (input.jurisdictionCode !== before.jurisdictionCode) await moveInstitutionRecords(tx, row.id, row.jurisdictionPath);
  return row;
}

/** Why the actor may not change `before` into `input` (the error to answer with), or null. */
export function updateProblem(
  directory: JurisdictionDirectory,
  actor: UserActor,
  before: InstitutionInput,
  input: InstitutionInput,
): { refusal: AppError } | null {
  if (!can(actor.user.role, "institution:register")) {
    const locked = INSTITUTION_REGISTRY_FIELDS.find((field) => input[field] !== before[field]);
    if (locked) return { refusal: forbidden(`${labelAt(InstitutionUpdate, [locked])}：属于机构登记信息，由监管部门维护`, locked) };
  }
  // Keeping an institution where it is needs nothing more; moving it needs authority over the destination.
  if (input.jurisdictionCode !== before.jurisdictionCode) {
    const problem = jurisdictionProblem(directory, actor.scope, input.jurisdictionCode);
    if (problem) return { refusal: badRequest(`所在县（市、区）：${problem}`, "jurisdictionCode") };
  }
  return null;
}

export async function updateInstitution({ db, directory }: Deps, actor: UserActor, id: string, input: InstitutionInput) {
  return db.transaction(async (tx) => {
    const before = await lockInstitution(tx, actor.scope, id);
    if (before.status !== "active") throw conflict(`机构${INSTITUTION_STATUSES[before.status as InstitutionStatus] ?? "已注销"}，恢复后才能修改`);
    const previous = editableValues(before);
    const problem = updateProblem(directory, actor, previous, input);
    if (problem) throw problem.refusal;
    await assertCreditCodeFree(tx, input.creditCode, id);
    const row = await applyInstitutionChanges(tx, directory, id, previous, input);
    await writeAudit(tx, actor, {
      action: "institution.update",
      target: targetOf(row),
      detail: { name: row.name, changes: changedFields(previous, editableValues(row)) },
    });
    return saved(directory, row, actor);
  });
}

/**
 * 注销 or 停业: the institution leaves lists and counts but keeps its record and history. The day
 * it took effect cannot lie in the future (on the China calendar).
 */
export async function deregisterInstitution({ db, directory, clock }: Deps & Pick<AppDeps, "clock">, actor: UserActor, id: string, body: DeregisterBody) {
  if (body.date > clock.today()) throw badRequest(`注销/停业日期：不能晚于今天（${clock.today()}）`, "date");
  return db.transaction(async (tx) => {
    const before = await lockInstitution(tx, actor.scope, id);
    if (before.status !== "active") throw conflict(`机构已是“${INSTITUTION_STATUSES[before.status as InstitutionStatus] ?? before.status}”状态`);
    const [row] = await tx
      .update(institution)
      .set({ status: body.status, closedOn: body.date, closureReason: body.reason, updatedAt: sql`now()` })
      .where(eq(institution.id, id))
      .returning();
    if (!row) throw notFound("机构不存在");
    await writeAudit(tx, actor, { action: "institution.deregister", target: targetOf(row), detail: { name: row.name, ...body } });
    return saved(directory, row, actor);
  });
}

/** Puts a deregistered or suspended institution back on the register. */
export async function restoreInstitution({ db, directory }: Deps, actor: UserActor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const before = await lockInstitution(tx, actor.scope, id);
    if (before.status === "active") throw conflict("机构在册，无需恢复");
    const [row] = await tx
      .update(institution)
      .set({ status: "active", closedOn: null, closureReason: null, updatedAt: sql`now()` })
      .where(eq(institution.id, id))
      .returning();
    if (!row) throw notFound("机构不存在");
    await writeAudit(tx, actor, { action: "institution.restore", target: targetOf(row), detail: { name: row.name, previousStatus: before.status, reason } });
    return saved(directory, row, actor);
  });
}
