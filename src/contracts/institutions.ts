import { z } from "zod";
import { checkCreditCode, normalizeCreditCode } from "../domain/credit-code";
import { JurisdictionCode, Pagination, pageOf, QueryBoolean } from "./common";
import { INSTITUTION_GRADES, INSTITUTION_TYPES, keysOf, OWNERSHIPS } from "./enums";

const count = z.coerce.number().int("须为整数").min(0, "不能小于 0").max(10_000_000);

/** Malformed codes are refused; a code that only fails its check digit passes here and is warned about. */
export const CreditCode = z
  .string()
  .transform(normalizeCreditCode)
  .superRefine((code, ctx) => {
    const check = checkCreditCode(code);
    if (check.status === "malformed") ctx.addIssue({ code: "custom", message: check.reason });
  });

export const InstitutionInput = z.object({
  name: z.string().trim().min(1, "不能为空").max(100, "不能超过 100 个字"),
  creditCode: CreditCode,
  type: z.enum(keysOf(INSTITUTION_TYPES)),
  ownership: z.enum(keysOf(OWNERSHIPS)),
  grade: z.enum(keysOf(INSTITUTION_GRADES)),
  provincialDirect: z.boolean().default(false),
  jurisdictionCode: JurisdictionCode,
  address: z.string().trim().max(200, "不能超过 200 个字").default(""),
  beds: count.default(0),
  onDutyMedicalStaff: count.default(0),
  dailyOutpatientVisits: count.default(0),
  securityStaff: count.default(0),
  contactPerson: z.string().trim().min(1, "不能为空").max(50, "不能超过 50 个字"),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{0,30}$/, "只能包含数字、空格和 + - ( )")
    .default(""),
});
export type InstitutionInput = z.infer<typeof InstitutionInput>;

export const InstitutionFilters = z.object({
  jurisdictionCode: JurisdictionCode.optional(),
  type: z.enum(keysOf(INSTITUTION_TYPES)).optional(),
  grade: z.enum(keysOf(INSTITUTION_GRADES)).optional(),
  ownership: z.enum(keysOf(OWNERSHIPS)).optional(),
  provincialDirect: QueryBoolean.optional(),
  q: z.string().trim().max(50, "不能超过 50 个字").optional(),
});
export type InstitutionFilters = z.infer<typeof InstitutionFilters>;

export const InstitutionListQuery = InstitutionFilters.extend(Pagination.shape);
export type InstitutionListQuery = z.infer<typeof InstitutionListQuery>;

/** An institution's own fields as the server returns them (no input transforms, so responses can be encoded). */
export const InstitutionFields = z.object({
  name: z.string(),
  creditCode: z.string(),
  type: z.string(),
  ownership: z.string(),
  grade: z.string(),
  provincialDirect: z.boolean(),
  jurisdictionCode: z.string(),
  address: z.string(),
  beds: z.number().int(),
  onDutyMedicalStaff: z.number().int(),
  dailyOutpatientVisits: z.number().int(),
  securityStaff: z.number().int(),
  contactPerson: z.string(),
  contactPhone: z.string(),
});

export const InstitutionSummary = InstitutionFields.pick({
  name: true,
  creditCode: true,
  type: true,
  ownership: true,
  grade: true,
  provincialDirect: true,
  jurisdictionCode: true,
  beds: true,
  contactPerson: true,
}).extend({ id: z.uuid(), jurisdictionName: z.string() });
export type InstitutionSummary = z.infer<typeof InstitutionSummary>;

export const InstitutionPage = pageOf(InstitutionSummary);
export type InstitutionPage = z.infer<typeof InstitutionPage>;

export const InstitutionDetail = InstitutionFields.extend({
  id: z.uuid(),
  jurisdictionName: z.string(),
  creditCodeChecksumOk: z.boolean(),
  /** Names from the province down to the county, for the breadcrumb. */
  jurisdictionTrail: z.array(z.object({ code: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do with this record, so the UI shows only working buttons. */
  actions: z.object({ edit: z.boolean(), editRegistry: z.boolean() }),
});
export type InstitutionDetail = z.infer<typeof InstitutionDetail>;

export const SaveInstitutionResult = z.object({
  institution: InstitutionDetail,
  warnings: z.array(z.string()),
});
export type SaveInstitutionResult = z.infer<typeof SaveInstitutionResult>;

export const ImportRowError = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportPreview = z.object({
  importId: z.uuid().nullable(),
  fileName: z.string(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(ImportRowError),
  warnings: z.array(ImportRowError),
  /** First valid rows, so the user sees what will be imported before confirming. */
  sample: z.array(InstitutionFields.extend({ row: z.number().int() })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({ imported: z.number().int() });
