import { eq, sql } from "drizzle-orm";
import { FIELD_LABELS } from "../../../contracts/common";
import type { InstitutionInput } from "../../../contracts/institutions";
import { institution } from "../../../db/schema";
import { checkCreditCode } from "../../../domain/credit-code";
import { can, INSTITUTION_REGISTRY_FIELDS } from "../../../domain/permissions";
import { jurisdictionInScope, requirePermission, type Scope } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Db, DbOrTx } from "../../platform/db";
import { badRequest, conflict, forbidden, notFound } from "../../platform/http/errors";
import type { Caller } from "../../platform/http/request-context";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { findInstitution, type InstitutionRow, registeredCreditCodes, toDetail } from "./queries";

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
  if (!j) throw badRequest("所在行政区划：行政区划代码不存在", "jurisdictionCode");
  return { ...input, jurisdictionPath: j.path, creditCodeChecksumOk: checkCreditCode(input.creditCode).status === "valid" };
}

async function assertCreditCodeFree(db: DbOrTx, code: string, exceptId?: string) {
  // The other holder may be outside the caller's scope, so its name is not revealed.
  if ((await registeredCreditCodes(db, [code], exceptId)).size > 0) throw conflict("统一社会信用代码：该代码已登记给其他机构", "creditCode");
}

/** What create and update answer: the record as the caller sees it, and a warning for a doubtful credit code. */
function saved(directory: JurisdictionDirectory, row: InstitutionRow, caller: Caller) {
  return { institution: toDetail(directory, row, caller.user.role), warnings: [creditCodeWarning(row.creditCode)].filter((w) => w !== null) };
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (before[key] !== value) changes[key] = { from: before[key], to: value };
  }
  return changes;
}

export async function createInstitution(db: Db, directory: JurisdictionDirectory, caller: Caller, input: InstitutionInput) {
  requirePermission(caller.user, "institution:create");
  const problem = jurisdictionProblem(directory, caller.scope, input.jurisdictionCode);
  if (problem) throw badRequest(`所在行政区划：${problem}`, "jurisdictionCode");
  return db.transaction(async (tx) => {
    await assertCreditCodeFree(tx, input.creditCode);
    const [row] = await tx.insert(institution).values(institutionValues(directory, input)).returning();
    if (!row) throw new Error("insert returned no row");
    await writeAudit(tx, caller, { action: "institution.create", targetType: "institution", targetId: row.id, result: "success", detail: { name: row.name } });
    return saved(directory, row, caller);
  });
}

export async function updateInstitution(db: Db, directory: JurisdictionDirectory, caller: Caller, id: string, input: InstitutionInput) {
  requirePermission(caller.user, "institution:update");
  return db.transaction(async (tx) => {
    const before = await findInstitution(tx, directory, caller.scope, id);
    if (!before) throw notFound("机构不存在");
    const lockedField = can(caller.user.role, "institution:register") ? undefined : INSTITUTION_REGISTRY_FIELDS.find((field) => input[field] !== before[field]);
    if (lockedField) throw forbidden(`${FIELD_LABELS[lockedField]}：属于机构登记信息，由监管部门维护`, lockedField);
    // Moving an institution needs authority over the destination; keeping it where it is does not.
    if (input.jurisdictionCode !== before.jurisdictionCode) {
      const problem = jurisdictionProblem(directory, caller.scope, input.jurisdictionCode);
      if (problem) throw badRequest(`所在行政区划：${problem}`, "jurisdictionCode");
    }
    await assertCreditCodeFree(tx, input.creditCode, id);
    const values = institutionValues(directory, input);
    const [row] = await tx
      .update(institution)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(institution.id, id))
      .returning();
    if (!row) throw notFound("机构不存在");
    await writeAudit(tx, caller, {
      action: "institution.update",
      targetType: "institution",
      targetId: id,
      result: "success",
      detail: { name: row.name, changes: changedFields(before, values) },
    });
    return saved(directory, row, caller);
  });
}
