import { and, asc, between, eq, inArray } from "drizzle-orm";
import type { FieldChanges } from "../../../contracts/audit";
import type {
  CALENDAR_CORRECTION_SORTS,
  CalendarCorrection,
  CalendarCorrectionQuery,
  HazardCategoryItem,
  HazardSettingsBody,
  HazardSettingsView,
} from "../../../contracts/settings";
import { authoritySetting, calendarCorrection, hazardCategory } from "../../../db/schema";
import { defaultPrefixes } from "../../../domain/document-numbers";
import { BUILT_IN_HAZARD_CATEGORIES } from "../../../domain/hazard-categories";
import { DEFAULT_HAZARD_SETTINGS } from "../../../domain/hazard-listing";
import { type WorkingCalendar, workingCalendar } from "../../../domain/working-days";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { DbOrTx } from "../../platform/db";
import { conflict, forbidden } from "../../platform/http/errors";
import { numberedPage } from "../../platform/list/numbered-page";
import { orderByOf, resolveSort, type SortSpec } from "../../platform/list/sorting";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

/** An authority's figures as the rules use them: its own where set, the defaults of domain/ where not. */
export async function hazardSettingsOf(db: DbOrTx, directory: JurisdictionDirectory, authorityCode: string): Promise<HazardSettingsBody> {
  const defaults = defaultSettings(directory, authorityCode);
  const [row] = await db.select().from(authoritySetting).where(eq(authoritySetting.authorityCode, authorityCode));
  if (!row) return defaults;
  const settings = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof HazardSettingsBody)[]) {
    const value = row[key];
    if (value !== null) Object.assign(settings, { [key]: value });
  }
  return settings;
}

function defaultSettings(directory: JurisdictionDirectory, authorityCode: string): HazardSettingsBody {
  const prefixes = defaultPrefixes(directory.name(authorityCode));
  return { hazardPrefix: prefixes.hazard, noticePrefix: prefixes.notice, listingPrefix: prefixes.listing, ...DEFAULT_HAZARD_SETTINGS };
}

const ownAuthority = (actor: UserActor) => {
  const code = actor.user.jurisdictionCode;
  if (!code) throw forbidden("只有监管部门的用户有本部门的设置");
  return code;
};

export async function hazardSettingsView({ db, directory }: Pick<AppDeps, "db" | "directory">, actor: UserActor): Promise<HazardSettingsView> {
  const authorityCode = ownAuthority(actor);
  return {
    authorityCode,
    authorityName: directory.get(authorityCode)?.authorityName ?? directory.name(authorityCode),
    settings: await hazardSettingsOf(db, directory, authorityCode),
    defaults: defaultSettings(directory, authorityCode),
  };
}

export async function updateHazardSettings(deps: Pick<AppDeps, "db" | "directory">, actor: UserActor, body: HazardSettingsBody) {
  const authorityCode = ownAuthority(actor);
  await deps.db.transaction(async (tx) => {
    const before = await hazardSettingsOf(tx, deps.directory, authorityCode);
    const values = { ...body, updatedBy: actor.user.id, updatedAt: new Date() };
    await tx
      .insert(authoritySetting)
      .values({ authorityCode, ...values })
      .onConflictDoUpdate({ target: authoritySetting.authorityCode, set: values });
    const changes: FieldChanges = Object.fromEntries(
      (Object.keys(body) as (keyof HazardSettingsBody)[]).filter((key) => before[key] !== body[key]).map((key) => [key, { from: before[key], to: body[key] }]),
    );
    const name = deps.directory.get(authorityCode)?.authorityName ?? authorityCode;
    await writeAudit(tx, actor, {
      action: "settings.update",
      target: { type: "authority", id: authorityCode, path: deps.directory.get(authorityCode)?.path ?? null, name },
      detail: { name, changes },
    });
  });
  return hazardSettingsView(deps, actor);
}

/** The authorities whose added categories a user of `authorityCode` uses: its own and those above it. */
const chainOf = (directory: JurisdictionDirectory, authorityCode: string) =>
  (directory.get(authorityCode)?.path ?? `/${authorityCode}/`).split("/").filter(Boolean);

/** The built-in categories, then those added by the authority and the authorities above it. */
export async function hazardCategoriesFor(db: DbOrTx, directory: JurisdictionDirectory, authorityCode: string): Promise<HazardCategoryItem[]> {
  const added = await db
    .select({ name: hazardCategory.name, authorityCode: hazardCategory.authorityCode })
    .from(hazardCategory)
    .where(inArray(hazardCategory.authorityCode, chainOf(directory, authorityCode)))
    .orderBy(asc(hazardCategory.createdAt), asc(hazardCategory.name));
  return [
    ...Object.entries(BUILT_IN_HAZARD_CATEGORIES).map(([value, label]) => ({ value, label })),
    ...added.map((row) => ({ value: row.name, label: row.name, addedBy: directory.get(row.authorityCode)?.authorityName ?? row.authorityCode })),
  ];
}

export async function addHazardCategory(deps: Pick<AppDeps, "db" | "directory">, actor: UserActor, name: string) {
  const authorityCode = ownAuthority(actor);
  return deps.db.transaction(async (tx) => {
    const existing = await hazardCategoriesFor(tx, deps.directory, authorityCode);
    if (existing.some((item) => item.label === name || item.value === name)) throw conflict(`类别名称：「${name}」已存在`, "name");
    await tx.insert(hazardCategory).values({ authorityCode, name, createdBy: actor.user.id });
    await writeAudit(tx, actor, {
      action: "hazard_category.create",
      target: { type: "authority", id: authorityCode, path: deps.directory.get(authorityCode)?.path ?? null, name },
      detail: { name },
    });
    return hazardCategoriesFor(tx, deps.directory, authorityCode);
  });
}

/** The working calendar with the system administrator's corrections. */
export async function loadWorkingCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  const rows = await db.select({ day: calendarCorrection.day, kind: calendarCorrection.kind }).from(calendarCorrection);
  return workingCalendar(new Map(rows.map((row) => [row.day, row.kind === "workday"])));
}

export const listCalendarCorrections = (db: DbOrTx) =>
  db
    .select({ day: calendarCorrection.day, kind: calendarCorrection.kind, note: calendarCorrection.note })
    .from(calendarCorrection)
    .orderBy(asc(calendarCorrection.day)) as Promise<{ day: string; kind: "workday" | "holiday"; note: string }[]>;

const CALENDAR_CORRECTION_SORT: SortSpec<keyof typeof CALENDAR_CORRECTION_SORTS, { day: string }> = {
  columns: { day: { by: [calendarCorrection.day], valuesOf: (row) => [row.day] } },
  defaultKey: "day",
  // The day is the key: it breaks no ties, but the list machinery wants a last term.
  tiebreak: { column: calendarCorrection.day, valueOf: (row) => row.day },
};

/** One page of the corrections, of a year and a kind when asked, in the order asked (by day). */
export async function pageCalendarCorrections(db: DbOrTx, query: CalendarCorrectionQuery) {
  const where = and(
    query.year === undefined ? undefined : between(calendarCorrection.day, `${query.year}-01-01`, `${query.year}-12-31`),
    query.kind === undefined ? undefined : eq(calendarCorrection.kind, query.kind),
  );
  return numberedPage(
    db,
    query,
    { table: calendarCorrection, where },
    ({ limit, offset }) =>
      // The column's check constraint holds it to the two kinds.
      db
        .select({ day: calendarCorrection.day, kind: calendarCorrection.kind, note: calendarCorrection.note })
        .from(calendarCorrection)
        .where(where)
        .orderBy(...orderByOf(resolveSort(CALENDAR_CORRECTION_SORT, query)))
        .limit(limit)
        .offset(offset) as Promise<CalendarCorrection[]>,
  );
}

/** Sets (kind given) or removes (kind null) the correction of one day. */
export async function correctCalendar(
  { db }: Pick<AppDeps, "db">,
  actor: UserActor,
  day: string,
  correction: { kind: "workday" | "holiday"; note: string } | null,
) {
  return db.transaction(async (tx) => {
    if (correction) {
      const values = { ...correction, updatedBy: actor.user.id, updatedAt: new Date() };
      await tx
        .insert(calendarCorrection)
        .values({ day, ...values })
        .onConflictDoUpdate({ target: calendarCorrection.day, set: values });
    } else {
      await tx.delete(calendarCorrection).where(and(eq(calendarCorrection.day, day)));
    }
    await writeAudit(tx, actor, {
      action: "calendar.correct",
      target: { type: "calendar", name: day },
      detail: { day, kind: correction?.kind ?? null, note: correction?.note ?? "" },
    });
    return listCalendarCorrections(tx);
  });
}
