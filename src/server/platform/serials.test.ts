import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { documentSerial } from "../../db/schema";
import { areaPicker, setUpTestApp } from "../../test/harness";
import { nextSerial } from "./serials";

const ctx = setUpTestApp();
const newArea = areaPicker();

describe("document serials", () => {
  it("20 concurrent issuers get 1…20 once each, and those that roll back leave no gap", async () => {
    const { county } = newArea();
    const taken = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        ctx.db.transaction(async (tx) => {
          const serial = await nextSerial(tx, county.code, "notice", 2026);
          // Every fourth issuer fails after taking its number: its transaction gives it back.
          if (i % 4 === 3) throw new Error("issuing failed");
          return serial;
        }),
      ),
    );
    const issued = taken.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    expect(issued.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const [counter] = await ctx.db
      .select()
      .from(documentSerial)
      .where(and(eq(documentSerial.authorityCode, county.code), eq(documentSerial.kind, "notice")));
    expect(counter?.last).toBe(15);
  });

  it("keeps one sequence per authority, kind and year", async () => {
    const { county, neighbour } = newArea();
    const take = (code: string, kind: "hazard" | "notice", year: number) => ctx.db.transaction((tx) => nextSerial(tx, code, kind, year));
    expect(await take(county.code, "hazard", 2026)).toBe(1);
    expect(await take(county.code, "hazard", 2026)).toBe(2);
    expect(await take(county.code, "notice", 2026)).toBe(1);
    expect(await take(county.code, "hazard", 2027)).toBe(1);
    expect(await take(neighbour.code, "hazard", 2026)).toBe(1);
  });
});
