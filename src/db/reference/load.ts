import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { z } from "zod";
import { JurisdictionRecord } from "../../contracts/jurisdictions";
import type * as schema from "../schema";
import { jurisdiction } from "../schema";
import records from "./henan-jurisdictions.json" with { type: "json" };

/** The Henan tree, checked against its contract as it loads: a hand edit that breaks it stops the start. */
export const HENAN_JURISDICTIONS: JurisdictionRecord[] = z.array(JurisdictionRecord).parse(records);

/** Path of every jurisdiction ("/410000/410200/410202/"), computed from the parent links. */
export function jurisdictionPaths(list: JurisdictionRecord[]): Map<string, string> {
  const byCode = new Map(list.map((r) => [r.code, r]));
  const paths = new Map<string, string>();
  const pathOf = (code: string): string => {
    const known = paths.get(code);
    if (known) return known;
    const record = byCode.get(code);
    if (!record) throw new Error(`unknown jurisdiction ${code}`);
    const result = `${record.parentCode ? pathOf(record.parentCode) : "/"}${code}/`;
    paths.set(code, result);
    return result;
  };
  for (const record of list) pathOf(record.code);
  return paths;
}

/** Upserts the Henan tree (parents first) so a changed name or authority reaches existing databases. */
export async function loadReferenceData(db: NodePgDatabase<typeof schema>): Promise<void> {
  const paths = jurisdictionPaths(HENAN_JURISDICTIONS);
  const rows = HENAN_JURISDICTIONS.map((r) => ({ ...r, path: paths.get(r.code) as string }));
  await db.transaction(async (tx) => {
    for (const level of ["province", "city", "county"] as const) {
      const batch = rows.filter((r) => r.level === level);
      await tx
        .insert(jurisdiction)
        .values(batch)
        .onConflictDoUpdate({
          target: jurisdiction.code,
          set: {
            name: sql`excluded.name`,
            level: sql`excluded.level`,
            parentCode: sql`excluded.parent_code`,
            path: sql`excluded.path`,
            codeKind: sql`excluded.code_kind`,
            authorityName: sql`excluded.authority_name`,
          },
        });
    }
  });
}
