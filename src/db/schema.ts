import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { HAZARD_SOURCES } from "../domain/hazard-categories";
import { HAZARD_GRADES, HAZARD_HANDLINGS, HAZARD_STATES } from "../domain/hazard-lifecycle";
import { ASSIGNMENT_STATES, CAMPAIGN_KINDS, CAMPAIGN_SELECTIONS, GROUP_ROLES, INSPECTION_KINDS } from "../domain/inspections";
import { GRADE_RANK, INSTITUTION_GRADES, INSTITUTION_STATUSES, OWNERSHIPS } from "../domain/institution-grades";
import { INSTITUTION_TYPE_CATALOGUE } from "../domain/institution-types";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** `column in ('a', 'b', …)` over the keys of an enumeration of domain/: the database refuses what the rules do not know. */
const oneOf = (column: string, values: Record<string, unknown>) =>
  sql.raw(
    `${column} in (${Object.keys(values)
      .map((key) => `'${key}'`)
      .join(", ")})`,
  );

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
    /** The grade as users rank it (三级 highest), for sorting by grade with an index. */
    gradeRank: smallint("grade_rank").generatedAlwaysAs(
      sql.raw(
        `case grade ${Object.entries(GRADE_RANK)
          .map(([grade, rank]) => `when '${grade}' then ${rank}`)
          .join(" ")} else 0 end`,
      ),
    ),
    provincialDirect: boolean("provincial_direct").notNull().default(false),
    jurisdictionCode: varchar("jurisdiction_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    /**
     * Copy of jurisdiction.path, kept by the service, so scope filters need no join. Collated "C"
     * (migration 0006): paths are ASCII, and a plain btree then serves both `like 'prefix%'` and order.
     */
    jurisdictionPath: text("jurisdiction_path").notNull(),
    address: text("address").notNull().default(""),
    beds: integer("beds").notNull().default(0),
    onDutyMedicalStaff: integer("on_duty_medical_staff").notNull().default(0),
    dailyOutpatientVisits: integer("daily_outpatient_visits").notNull().default(0),
    securityStaff: integer("security_staff").notNull().default(0),
    contactPerson: text("contact_person").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    /** active (在册), deregistered (注销) or suspended (停业); the last two leave lists and counts but keep their history. */
    status: text("status").notNull().default("active"),
    /** The day a deregistration or suspension took effect, and why; null while active. */
    closedOn: date("closed_on"),
    closureReason: text("closure_reason"),
    /**
     * "name credit_code" in lower case, under a trigram index: list searches match it with a plain
     * LIKE on the lowered term, which costs a third of an ILIKE when a short term has to scan.
     */
    searchText: text("search_text").generatedAlwaysAs(sql`lower(name || ' ' || credit_code)`),
    createdAt: createdAt(),
    /** To the millisecond, as JavaScript holds it, so a list sorted by it pages (keyset) on exact values. */
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Lists in pinyin order (ICU's zh collation): a county's page straight from its path, the province's from the names.
    index("institution_path_idx").on(t.jurisdictionPath, sql`${t.name} collate "zh-x-icu"`, t.id),
    index("institution_name_idx").using("btree", sql`${t.name} collate "zh-x-icu"`, t.id),
    // The other sorts of the list.
    index("institution_grade_rank_idx").on(t.gradeRank, t.id),
    index("institution_beds_idx").on(t.beds, t.id),
    index("institution_updated_at_idx").on(t.updatedAt, t.id),
    index("institution_grade_idx").on(t.grade),
    // Counts by jurisdiction, type and grade read from the index alone (home pages, list totals).
    index("institution_counts_idx").on(t.jurisdictionPath, t.status, t.type, t.grade),
    index("institution_search_text_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    // One- and two-character terms, too short for trigrams (docs/adr/0005-search.md).
    index("institution_search_grams_idx").using("gin", sql`search_grams(${t.searchText})`),
    check("institution_counts_non_negative", sql`beds >= 0 and on_duty_medical_staff >= 0 and daily_outpatient_visits >= 0 and security_staff >= 0`),
    check("institution_type_known", oneOf("type", INSTITUTION_TYPE_CATALOGUE)),
    check("institution_grade_known", oneOf("grade", INSTITUTION_GRADES)),
    check("institution_ownership_known", oneOf("ownership", OWNERSHIPS)),
    check("institution_status_known", oneOf("status", INSTITUTION_STATUSES)),
    check("institution_closure", sql`(status = 'active') = (closed_on is null and closure_reason is null)`),
  ],
);

/**
 * Institutions counted by county, status, type and grade, kept by statement triggers on institution
 * (migration 0007) in the transaction of every change: the home pages read a few thousand rows
 * here instead of counting 80,000 institutions.
 */
export const institutionTally = pgTable(
  "institution_tally",
  {
    jurisdictionPath: text("jurisdiction_path").notNull(),
    status: text("status").notNull(),
    type: text("type").notNull(),
    grade: text("grade").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionPath, t.status, t.type, t.grade] })],
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
    /**
     * The path of the user's jurisdiction, or of their institution's county (null for system
     * accounts): users are scoped by the same rule as every other table (platform/scope.ts).
     */
    jurisdictionPath: text("jurisdiction_path"),
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
    index("app_user_path_idx").using("btree", t.jurisdictionPath.op("text_pattern_ops")),
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

/**
 * Append-only: a trigger (migration 0002) refuses UPDATE and DELETE. `target_path` is where the
 * target stood in the jurisdiction tree when the event happened, so the trail can be read by scope.
 */
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
    targetPath: text("target_path"),
    targetName: text("target_name"),
    result: text("result", { enum: ["success", "failure"] }).notNull(),
    ip: text("ip").notNull(),
    detail: jsonb("detail"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorUsername, t.at),
    index("audit_log_action_idx").on(t.action, t.at),
    // A record's history, newest first (an institution's 变更记录).
    index("audit_log_target_idx").on(t.targetType, t.targetId, t.id),
    index("audit_log_target_path_idx").using("btree", t.targetPath.op("text_pattern_ops"), t.id),
  ],
);

/**
 * An uploaded workbook's checked rows, held until the user who uploaded it confirms the import
 * (platform/import): one table for every kind of register that imports from Excel.
 */
export const dataImport = pgTable("data_import", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => appUser.id),
  /** Which register the rows are for ("institution"). */
  kind: text("kind").notNull(),
  fileName: text("file_name").notNull(),
  rows: jsonb("rows").notNull(),
  errorCount: integer("error_count").notNull(),
  status: text("status", { enum: ["pending", "confirmed", "expired"] })
    .notNull()
    .default("pending"),
  createdAt: createdAt(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
});

/**
 * The last serial issued per authority, kind of document and year (hazard numbers, notice
 * numbers). Taken with an upsert in the transaction that uses it, so a serial is issued once and
 * a rolled-back transaction gives its serial back: no gaps, no duplicates (platform/serials.ts).
 */
export const documentSerial = pgTable(
  "document_serial",
  {
    authorityCode: varchar("authority_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    kind: text("kind").notNull(),
    year: smallint("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.authorityCode, t.kind, t.year] })],
);

/** A state's place in the loop (待整改 1 … 已作废 5): the hazard's state_rank, which one index sorts and filters by. */
export const hazardStateRank = (state: keyof typeof HAZARD_STATES) => Object.keys(HAZARD_STATES).indexOf(state) + 1;

/**
 * A hazard (隐患) in an institution's ledger, from the day it is found until it is closed or voided
 * (domain/hazard-lifecycle.ts). Its rows follow the institution to a new county
 * (platform/institution-records.ts); nothing is deleted, every change is a hazard_event.
 */
export const hazard = pgTable(
  "hazard",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** 兰考隐患〔2026〕0123: per recording authority and year (domain/document-numbers.ts). */
    number: text("number").notNull().unique("hazard_number_key"),
    /** The authority whose number it carries: the recorder's jurisdiction. */
    authorityCode: varchar("authority_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institution.id),
    /** Copy of the institution's jurisdiction path, for the scope predicate without a join (ADR 7). */
    jurisdictionPath: text("jurisdiction_path").notNull(),
    source: text("source").notNull().default("direct"),
    /** The inspection or self-inspection it came from. */
    sourceId: uuid("source_id"),
    /** The checklist item whose 不符合 it records (a key of the inspection's checklist version); null when added freely. */
    sourceItemKey: text("source_item_key"),
    foundOn: date("found_on").notNull(),
    finders: text("finders").notNull(),
    place: text("place").notNull(),
    category: text("category").notNull(),
    description: text("description").notNull(),
    /** The regulation and clause it breaks. */
    basis: text("basis").notNull().default(""),
    grade: text("grade").notNull(),
    handling: text("handling").notNull(),
    /** 整改时限, a China calendar day; null when handled on the spot. */
    deadline: date("deadline"),
    responsiblePerson: text("responsible_person").notNull(),
    responsiblePhone: text("responsible_phone").notNull().default(""),
    /** The "五落实" plan of a major hazard. */
    majorPlan: jsonb("major_plan"),
    state: text("state").notNull().default("pending"),
    /** Rectifications submitted so far: each opens a review round. */
    round: integer("round").notNull().default(0),
    pendingExtension: jsonb("pending_extension"),
    /** Raised by every change: an edit made on an older version is refused (409), not applied. */
    version: integer("version").notNull().default(1),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => appUser.id),
    /**
     * "place description" in lower case: the ledger's text search, by the index of its one- and
     * two-character substrings (search_grams, migration 0006), which serves terms of any length.
     */
    searchText: text("search_text").generatedAlwaysAs(sql`lower(place || ' ' || description)`),
    /** The state in the order of the loop (待整改 first), for sorting and filtering by state with one index. */
    stateRank: smallint("state_rank").generatedAlwaysAs(
      sql.raw(
        `case state ${(Object.keys(HAZARD_STATES) as (keyof typeof HAZARD_STATES)[])
          .map((state) => `when '${state}' then ${hazardStateRank(state)}`)
          .join(" ")} else 0 end`,
      ),
    ),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check("hazard_source_check", oneOf("source", HAZARD_SOURCES)),
    check("hazard_grade_check", oneOf("grade", HAZARD_GRADES)),
    check("hazard_handling_check", oneOf("handling", HAZARD_HANDLINGS)),
    check("hazard_state_check", oneOf("state", HAZARD_STATES)),
    check("hazard_deadline_check", sql`(handling = 'on_the_spot') = (deadline is null)`),
    // The ledger's order (found date) within a county, an institution, a state, and province-wide.
    index("hazard_path_idx").on(t.jurisdictionPath, t.foundOn, t.id),
    index("hazard_institution_idx").on(t.institutionId, t.foundOn, t.id),
    index("hazard_state_idx").on(t.stateRank, t.foundOn, t.id),
    // A state within a city or a county: its page in order, its count from the index alone.
    index("hazard_state_path_idx").on(t.stateRank, t.jurisdictionPath, t.foundOn, t.id),
    index("hazard_found_on_idx").on(t.foundOn, t.id),
    // The other sorts: by deadline (none, on the spot, last) and by number.
    index("hazard_deadline_idx").on(sql`coalesce(${t.deadline}, 'infinity'::date)`, t.id),
    index("hazard_number_idx").on(t.number, t.id),
    // Overdue (逾期) is a deadline past among the few hazards not yet submitted: counted from here.
    index("hazard_unsubmitted_idx").on(t.jurisdictionPath, t.deadline).where(sql`state in ('pending', 'rectifying')`),
    // Overdue pages in the ledger's order: the deadline and the path are tested in the index, not the table.
    index("hazard_unsubmitted_found_on_idx").on(t.foundOn, t.id, t.deadline, t.jurisdictionPath).where(sql`state in ('pending', 'rectifying')`),
    index("hazard_search_grams_idx").using("gin", sql`search_grams(${t.searchText})`),
    // The hazards an inspection found: a 回头看's list is every institution with one in its first round.
    index("hazard_source_idx").on(t.sourceId, t.institutionId).where(sql`source_id is not null`),
  ],
);

/** One change of a hazard: who, when, what they asked, why, and the fields it changed. Append-only. */
export const hazardEvent = pgTable(
  "hazard_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazard.id),
    /** record, or a command of domain/hazard-lifecycle.ts. */
    kind: text("kind").notNull(),
    /** The review round the event belongs to. */
    round: integer("round").notNull(),
    actorId: uuid("actor_id").references(() => appUser.id),
    actorName: text("actor_name").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    reason: text("reason"),
    /** What the command carried: the rectification, the verification, the extension asked. */
    details: jsonb("details").notNull().default({}),
    /** Old and new value of each field the event changed. */
    changed: jsonb("changed").notNull().default({}),
  },
  (t) => [index("hazard_event_hazard_idx").on(t.hazardId, t.id)],
);

/**
 * The bytes of an uploaded file, kept once by their SHA-256 in the file store
 * (server/platform/files). Who may read them is decided by the attachments that name them.
 */
export const storedFile = pgTable("stored_file", {
  sha256: varchar("sha256", { length: 64 }).primaryKey(),
  /** Detected from the content, never from the name: image/jpeg, image/png, image/heic, application/pdf. */
  mediaType: text("media_type").notNull(),
  size: integer("size").notNull(),
  width: integer("width"),
  height: integer("height"),
  hasThumbnail: boolean("has_thumbnail").notNull().default(false),
  /** When the photo was taken, from its EXIF data when present. */
  capturedAt: timestamp("captured_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A file as someone attached it. Uploaded first and unbound (only its uploader reads it), then
 * bound in the transaction of the record or event it belongs to; from then on whoever can read
 * that record reads the file, and nobody else — an id is never a way around scope.
 */
export const attachment = pgTable(
  "attachment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sha256: varchar("sha256", { length: 64 })
      .notNull()
      .references(() => storedFile.sha256),
    fileName: text("file_name").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => appUser.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    /** The kind of record it belongs to ("hazard"); null until bound. */
    recordKind: text("record_kind"),
    recordId: uuid("record_id"),
    /** The hazard event (or later another timeline's event) it came with. */
    eventId: bigint("event_id", { mode: "number" }),
    /** before, after (rectification), verification, document. */
    purpose: text("purpose"),
  },
  (t) => [
    check("attachment_bound_check", sql`(record_kind is null) = (record_id is null)`),
    index("attachment_record_idx").on(t.recordKind, t.recordId),
    index("attachment_unbound_idx").on(t.uploadedBy).where(sql`record_id is null`),
  ],
);

/** 整改通知书 or 卫生监督意见书: numbered per authority and year, verified publicly by an unguessable code. */
export const notice = pgTable(
  "notice",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull().unique("notice_number_key"),
    kind: text("kind").notNull(),
    authorityCode: varchar("authority_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institution.id),
    jurisdictionPath: text("jurisdiction_path").notNull(),
    /** What the QR code carries: random, unique, never derived from the number or id. */
    verifyCode: text("verify_code").notNull().unique("notice_verify_code_key"),
    issuedOn: date("issued_on").notNull(),
    issuedBy: uuid("issued_by")
      .notNull()
      .references(() => appUser.id),
    /** The text as issued: party details, opinion, basis, deadline — a notice never changes after issue. */
    content: jsonb("content").notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [
    check("notice_kind_check", sql`kind in ('rectification', 'supervision_opinion')`),
    index("notice_path_idx").on(t.jurisdictionPath, t.createdAt, t.id),
    index("notice_institution_idx").on(t.institutionId, t.createdAt, t.id),
  ],
);

export const noticeHazard = pgTable(
  "notice_hazard",
  {
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => notice.id),
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazard.id),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.hazardId] }), index("notice_hazard_hazard_idx").on(t.hazardId)],
);

/**
 * 挂牌督办 of a major hazard by the authority one level above the hazard's own (seed 003): its
 * document, deadline and supervising department, the institution's 签收, and 摘牌销号 by the
 * listing authority alone. The working-day clocks run from the dates kept here.
 */
export const hazardListing = pgTable(
  "hazard_listing",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hazardId: uuid("hazard_id")
      .notNull()
      .references(() => hazard.id),
    listingAuthorityCode: varchar("listing_authority_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    documentNumber: text("document_number").notNull().unique("hazard_listing_document_number_key"),
    deadline: date("deadline").notNull(),
    supervisingDepartment: text("supervising_department").notNull(),
    listedOn: date("listed_on").notNull(),
    listedBy: uuid("listed_by").references(() => appUser.id),
    publishedOn: date("published_on"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => appUser.id),
    delistedOn: date("delisted_on"),
    delistedBy: uuid("delisted_by").references(() => appUser.id),
    delistingPublishedOn: date("delisting_published_on"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("hazard_listing_active_key").on(t.hazardId).where(sql`delisted_on is null`),
    index("hazard_listing_authority_idx").on(t.listingAuthorityCode, t.listedOn),
  ],
);

/** The figures each authority may set; a missing row or null means the default of domain/. */
export const authoritySetting = pgTable("authority_setting", {
  authorityCode: varchar("authority_code", { length: 6 })
    .primaryKey()
    .references(() => jurisdiction.code),
  hazardPrefix: text("hazard_prefix"),
  noticePrefix: text("notice_prefix"),
  listingPrefix: text("listing_prefix"),
  dueSoonDays: smallint("due_soon_days"),
  listingPublishDays: smallint("listing_publish_days"),
  delistingPublishDays: smallint("delisting_publish_days"),
  extensionLeadDays: smallint("extension_lead_days"),
  extensionDecisionDays: smallint("extension_decision_days"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => appUser.id),
});

/** A system administrator's correction of the working-day calendar for one day. */
export const calendarCorrection = pgTable(
  "calendar_correction",
  {
    day: date("day").primaryKey(),
    /** workday (a 调休 Saturday the package misses) or holiday. */
    kind: text("kind").notNull(),
    note: text("note").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => appUser.id),
  },
  () => [check("calendar_correction_kind_check", sql`kind in ('workday', 'holiday')`)],
);

/** A hazard category an authority added to the built-in list; its subtree sees it too. */
export const hazardCategory = pgTable(
  "hazard_category",
  {
    authorityCode: varchar("authority_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    name: text("name").notNull(),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => appUser.id),
  },
  (t) => [primaryKey({ columns: [t.authorityCode, t.name] })],
);

/** An in-app message. One digest per user, kind and day: the key makes a second delivery a no-op. */
export const notification = pgTable(
  "notification",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => appUser.id),
    kind: text("kind").notNull(),
    day: date("day").notNull(),
    title: text("title").notNull(),
    body: jsonb("body").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notification_user_kind_day_key").on(t.userId, t.kind, t.day), index("notification_unread_idx").on(t.userId).where(sql`read_at is null`)],
);

/** An export too large to answer in one request: run in the background, downloaded when done. */
export const exportJob = pgTable(
  "export_job",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => appUser.id),
    kind: text("kind").notNull(),
    filters: jsonb("filters").notNull(),
    /** The owner's scope when they asked: the job reads what they could see then, no more. */
    scope: jsonb("scope").notNull(),
    state: text("state").notNull().default("queued"),
    rowsDone: integer("rows_done").notNull().default(0),
    rowsTotal: integer("rows_total"),
    fileName: text("file_name").notNull(),
    error: text("error"),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [check("export_job_state_check", sql`state in ('queued', 'running', 'done', 'failed')`), index("export_job_user_idx").on(t.userId, t.createdAt)],
);

/**
 * A checklist template (检查表): shipped ones (authority null, from the seeds) are offered to every
 * authority; an authority's own are offered to its subtree. Its content lives in versions: a version
 * that an inspection has used never changes, so an inspection always shows what it was made with.
 */
export const checklist = pgTable(
  "checklist",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The authority that keeps it; null for a shipped template. */
    authorityCode: varchar("authority_code", { length: 6 }).references(() => jurisdiction.code),
    /** The stable name of a shipped template, so seeding twice finds it. */
    shippedKey: text("shipped_key").unique("checklist_shipped_key_key"),
    name: text("name").notNull(),
    /** A scored review (评审): items carry a maximum score; sections and the whole are totalled. */
    scored: boolean("scored").notNull().default(false),
    currentVersion: integer("current_version").notNull().default(1),
    archived: boolean("archived").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("checklist_authority_name_key").on(sql`coalesce(${t.authorityCode}, '')`, t.name)],
);

/** One version of a checklist's sections and items (contracts/checklists.ts ChecklistContent). Immutable once used. */
export const checklistVersion = pgTable(
  "checklist_version",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    checklistId: uuid("checklist_id")
      .notNull()
      .references(() => checklist.id),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    itemCount: integer("item_count").notNull(),
    /** The sum of the items' maximum scores of a scored review; null otherwise. */
    maxScore: integer("max_score"),
    /** Set by the first inspection or campaign that uses it: from then on an edit makes a new version. */
    firstUsedAt: timestamp("first_used_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("checklist_version_key").on(t.checklistId, t.version)],
);

/** A member of an authority's safety expert pool (安全工作专家库, seed 001), with the conflicts they declared. */
export const expert = pgTable(
  "expert",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorityCode: varchar("authority_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    name: text("name").notNull(),
    unit: text("unit").notNull().default(""),
    /** The expert's own institution when it is in the register: never drawn to inspect it. */
    institutionId: uuid("institution_id").references(() => institution.id),
    speciality: text("speciality").notNull().default(""),
    phone: text("phone").notNull().default(""),
    /** Institutions the expert declared a conflict of interest with (回避). */
    conflictInstitutionIds: uuid("conflict_institution_ids").array().notNull().default(sql`'{}'::uuid[]`),
    conflictNote: text("conflict_note").notNull().default(""),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("expert_authority_idx").on(t.authorityCode, t.name)],
);

/**
 * An inspection campaign (检查工作) of an authority: its period, checklists, scope and whether it
 * is unannounced (四不两直: its institutions see nothing of it before their inspection is recorded).
 */
export const campaign = pgTable(
  "campaign",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorityCode: varchar("authority_code", { length: 6 })
      .notNull()
      .references(() => jurisdiction.code),
    /** Copy of the authority's jurisdiction path: the authorities above it see the campaign too. */
    authorityPath: text("authority_path").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    selection: text("selection").notNull().default("all"),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    unannounced: boolean("unannounced").notNull().default(false),
    /** The scope as its author chose it (jurisdictions, types, grades, ownership, 省直, or a list). */
    scopeRule: jsonb("scope_rule").notNull(),
    /** A 回头看's first round (seed 003: the third month of the quarter re-checks the first). */
    followUpOf: uuid("follow_up_of").references((): any => campaign.id),
    createdBy: uuid("created_by").references(() => appUser.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check("campaign_kind_check", oneOf("kind", CAMPAIGN_KINDS)),
    check("campaign_selection_check", oneOf("selection", CAMPAIGN_SELECTIONS)),
    check("campaign_period_check", sql`period_start <= period_end`),
    index("campaign_authority_idx").on(t.authorityPath, t.periodStart),
    index("campaign_follow_up_idx").on(t.followUpOf),
  ],
);

/** The checklist versions a campaign inspects with, in their order. */
export const campaignChecklist = pgTable(
  "campaign_checklist",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaign.id),
    checklistVersionId: uuid("checklist_version_id")
      .notNull()
      .references(() => checklistVersion.id),
    ordinal: smallint("ordinal").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.checklistVersionId] })],
);

/** A working group (工作组) of a campaign. */
export const workingGroup = pgTable(
  "working_group",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaign.id),
    name: text("name").notNull(),
    ordinal: smallint("ordinal").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("working_group_name_key").on(t.campaignId, t.name)],
);

/** A member of a working group: one of the authority's users or an expert of its pool. */
export const workingGroupMember = pgTable(
  "working_group_member",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroup.id),
    userId: uuid("user_id").references(() => appUser.id),
    expertId: uuid("expert_id").references(() => expert.id),
    role: text("role").notNull(),
    /** Leads the group (处级干部带队). */
    isLeader: boolean("is_leader").notNull().default(false),
  },
  (t) => [
    check("working_group_member_role_check", oneOf("role", GROUP_ROLES)),
    check("working_group_member_who_check", sql`(user_id is null) <> (expert_id is null)`),
    uniqueIndex("working_group_member_user_key").on(t.groupId, t.userId),
    uniqueIndex("working_group_member_expert_key").on(t.groupId, t.expertId),
  ],
);

/**
 * One institution of a campaign: its group, date window and state. Created in one statement for the
 * whole scope (a province campaign has tens of thousands). Follows its institution to a new county (ADR 7).
 *
 * campaign_id and institution_id carry no foreign key (migration 0013): checked row by row, the two
 * cost a province campaign's insert of 80,000 rows about 2.7 s of its 4 to 7 s. Nothing is lost: the
 * rows are written only by INSERT … SELECT from institution (campaigns/scope-rule.ts
 * insertAssignmentsWhere), so each institution_id is an institution's, under the campaign made or
 * locked in the same transaction; and neither campaigns nor institutions are ever deleted (an
 * institution leaves the register by its status). group_id keeps its key: it is set later, by hand.
 */
export const campaignAssignment = pgTable(
  "campaign_assignment",
  {
    campaignId: uuid("campaign_id").notNull(),
    institutionId: uuid("institution_id").notNull(),
    jurisdictionPath: text("jurisdiction_path").notNull(),
    groupId: uuid("group_id").references(() => workingGroup.id),
    windowStart: date("window_start").notNull(),
    windowEnd: date("window_end").notNull(),
    state: text("state").notNull().default("pending"),
    notApplicableReason: text("not_applicable_reason"),
    /** The inspectors a random draw matched to it (ids of users or experts, with names as drawn). */
    drawnInspectors: jsonb("drawn_inspectors"),
    inspectionId: uuid("inspection_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.institutionId] }),
    check("campaign_assignment_state_check", oneOf("state", ASSIGNMENT_STATES)),
    check("campaign_assignment_reason_check", sql`(state = 'not_applicable') = (not_applicable_reason is not null)`),
    index("campaign_assignment_path_idx").on(t.campaignId, t.jurisdictionPath),
    index("campaign_assignment_institution_idx").on(t.institutionId),
    // Only assignments given to a group: the rows of a campaign without groups cost it nothing to insert.
    index("campaign_assignment_group_idx").on(t.groupId).where(sql`group_id is not null`),
    // A campaign's progress by state, and its coverage by jurisdiction and state, from the index alone.
    index("campaign_assignment_progress_idx").on(t.campaignId, t.state, t.jurisdictionPath),
  ],
);

/**
 * A random draw (双随机) as evidence (regulations.md "双随机、一公开"): the pool as it was, the
 * parameters, algorithm, version and seed, who drew and who witnessed, and the result. Re-running it
 * over the recorded pool gives the same result; over today's pool, the difference.
 */
export const campaignDraw = pgTable(
  "campaign_draw",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaign.id),
    parameters: jsonb("parameters").notNull(),
    algorithm: text("algorithm").notNull(),
    algorithmVersion: integer("algorithm_version").notNull(),
    seed: text("seed").notNull(),
    /** The institutions and inspectors drawn from, de-duplicated and in the order the algorithm reads them. */
    pool: jsonb("pool").notNull(),
    poolSize: integer("pool_size").notNull(),
    result: jsonb("result").notNull(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => appUser.id),
    witness: text("witness").notNull(),
    drawnAt: timestamp("drawn_at", { withTimezone: true }).notNull().defaultNow(),
    /** 一公开: set when published; the public page is found by this unguessable code only. */
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publicCode: text("public_code").unique("campaign_draw_public_code_key"),
  },
  (t) => [index("campaign_draw_campaign_idx").on(t.campaignId, t.drawnAt)],
);

/**
 * An inspection (检查记录) of one institution with one checklist version: by an authority in a
 * campaign, or by the institution itself. Its id is made on the device that filled it, so a submit
 * sent twice (a lost connection, a retry) creates it once.
 */
export const inspection = pgTable(
  "inspection",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").notNull(),
    campaignId: uuid("campaign_id").references(() => campaign.id),
    groupId: uuid("group_id").references(() => workingGroup.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institution.id),
    jurisdictionPath: text("jurisdiction_path").notNull(),
    /** The inspecting authority; null for a self-inspection. */
    authorityCode: varchar("authority_code", { length: 6 }).references(() => jurisdiction.code),
    checklistVersionId: uuid("checklist_version_id")
      .notNull()
      .references(() => checklistVersion.id),
    inspectedOn: date("inspected_on").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    place: text("place").notNull().default(""),
    /** The inspectors present: users or experts, with their names as recorded. */
    inspectors: jsonb("inspectors").notNull(),
    /** Each item's answer by item key: result or score, note, photo attachment ids. */
    answers: jsonb("answers").notNull(),
    nonCompliantCount: integer("non_compliant_count").notNull().default(0),
    hazardCount: integer("hazard_count").notNull().default(0),
    score: integer("score"),
    remarks: text("remarks").notNull().default(""),
    /** 现场整改意见. */
    onSiteOpinions: text("on_site_opinions").notNull().default(""),
    representativeName: text("representative_name").notNull().default(""),
    /** The representative's acknowledgement: when, and the drawn signature (an attachment). */
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    /** A 回头看's re-checks of earlier hazards: hazard id, result, note. */
    rechecks: jsonb("rechecks").notNull().default([]),
    submittedBy: uuid("submitted_by")
      .notNull()
      .references(() => appUser.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check("inspection_kind_check", oneOf("kind", INSPECTION_KINDS)),
    check("inspection_authority_check", sql`(kind = 'self') = (authority_code is null)`),
    index("inspection_path_idx").on(t.jurisdictionPath, t.inspectedOn, t.id),
    index("inspection_institution_idx").on(t.institutionId, t.inspectedOn),
    index("inspection_campaign_idx").on(t.campaignId, t.inspectedOn),
    index("inspection_inspected_on_idx").on(t.inspectedOn, t.id),
  ],
);
