import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** GB/T 2260 jurisdiction tree. `path` is "/410000/410100/410102/", so a subtree is a prefix match. */
export const jurisdiction = pgTable(
  "jurisdiction",
  {
    code: varchar("code", { length: 6 }).primaryKey(),
    name: text("name").notNull(),
    level: text("level", { enum: ["province", "city", "county"] }).notNull(),
    parentCode: varchar("parent_code", { length: 6 }).references((): any => jurisdiction.code),
    path: text("path").notNull(),
    codeKind: text("code_kind", { enum: ["gb2260", "statistical"] }).notNull(),
    authorityName: text("authority_name").notNull(),
  },
  (t) => [index("jurisdiction_parent_idx").on(t.parentCode)],
);

export const institution = pgTable(
  "institution",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    creditCode: varchar("credit_code", { length: 18 }).notNull().unique("institution_credit_code_key"),
    /** False when the code is well-formed but fails the GB 32100 check digit (saved with a warning). */
    creditCodeChecksumOk: boolean("credit_code_checksum_ok").notNull(),
    type: text("type").notNull(),
    ownership: text("ownership").notNull(),
    grade: text("grade").notNull(),
    provincialDirect: boolean("provincial_direct").notNull().default(false),
    jurisdictionCode: varchar("jurisdiction_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    /** Copy of jurisdiction.path, kept by the service, so scope filters need no join. */
    jurisdictionPath: text("jurisdiction_path").notNull(),
    address: text("address").notNull().default(""),
    beds: integer("beds").notNull().default(0),
    onDutyMedicalStaff: integer("on_duty_medical_staff").notNull().default(0),
    dailyOutpatientVisits: integer("daily_outpatient_visits").notNull().default(0),
    securityStaff: integer("security_staff").notNull().default(0),
    contactPerson: text("contact_person").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    /**
     * "name credit_code" in lower case, under a trigram index: list searches match it with a plain
     * LIKE on the lowered term, which costs a third of an ILIKE when a short term has to scan.
     */
    searchText: text("search_text").generatedAlwaysAs(sql`lower(name || ' ' || credit_code)`),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("institution_path_idx").using("btree", t.jurisdictionPath.op("text_pattern_ops"), t.name, t.id),
    index("institution_name_idx").on(t.name, t.id),
    index("institution_type_idx").on(t.type),
    index("institution_grade_idx").on(t.grade),
    index("institution_search_text_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check("institution_counts_non_negative", sql`beds >= 0 and on_duty_medical_staff >= 0 and daily_outpatient_visits >= 0 and security_staff >= 0`),
  ],
);

export const appUser = pgTable(
  "app_user",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull().unique("app_user_username_key"),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    jurisdictionCode: varchar("jurisdiction_code", { length: 6 }).references(() => jurisdiction.code),
    institutionId: uuid("institution_id").references(() => institution.id),
    active: boolean("active").notNull().default(true),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("app_user_jurisdiction_idx").on(t.jurisdictionCode),
    index("app_user_institution_idx").on(t.institutionId),
    check(
      "app_user_affiliation",
      sql`(role = 'system_admin' and jurisdiction_code is null and institution_id is null)
        or (role in ('authority_admin', 'authority_inspector') and jurisdiction_code is not null and institution_id is null)
        or (role in ('institution_admin', 'institution_staff') and institution_id is not null and jurisdiction_code is null)`,
    ),
  ],
);

/** Server-side sessions; `id` is the SHA-256 of the cookie token, so a database leak yields no usable cookie. */
export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => appUser.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip").notNull(),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

/** Append-only: a trigger (migration 0002) refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorUsername: text("actor_username"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    result: text("result", { enum: ["success", "failure"] }).notNull(),
    ip: text("ip").notNull(),
    detail: jsonb("detail"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_actor_idx").on(t.actorUsername, t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

/** An uploaded Excel file's valid rows, held until the user confirms the import. */
export const institutionImport = pgTable("institution_import", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => appUser.id),
  fileName: text("file_name").notNull(),
  validRows: jsonb("valid_rows").notNull(),
  errorCount: integer("error_count").notNull(),
  status: text("status", { enum: ["pending", "confirmed"] })
    .notNull()
    .default("pending"),
  createdAt: createdAt(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
});
