import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { institution } from "../../../db/schema";
import { areaPicker, makeInstitution, setUpTestApp } from "../../../test/harness";
import { registerErrorHandling } from "./error-handler";

const ctx = setUpTestApp();
const newArea = areaPicker();

/** A bare app with the error handling, whose one route runs a statement of the test's choosing. */
async function appRunning(statement: () => Promise<unknown>) {
  const app = Fastify();
  registerErrorHandling(app);
  app.post("/run", async () => {
    await statement();
    return {};
  });
  await app.ready();
  return app;
}

describe("errors the database raises through Drizzle", () => {
  it("answer a duplicate key as 409 in Chinese and a refused check as 400, though Drizzle wraps the driver's error", async () => {
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: newArea().county.code });
    const { id: _id, createdAt: _created, updatedAt: _updated, gradeRank: _rank, searchText: _search, ...copy } = hospital;
    const duplicate = await appRunning(() => ctx.db.insert(institution).values(copy));
    const response = await duplicate.inject({ method: "POST", url: "/run" });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: { code: "CONFLICT", message: "记录已存在，请勿重复提交" } });

    const refused = await appRunning(() => ctx.db.insert(institution).values({ ...copy, creditCode: "91350100M000100Y43", beds: -1 }));
    expect((await refused.inject({ method: "POST", url: "/run" })).statusCode).toBe(400);
    await Promise.all([duplicate.close(), refused.close()]);
  });
});
