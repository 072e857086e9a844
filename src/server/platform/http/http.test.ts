import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LANKAO, setUpTestApp, signedIn } from "../../../test/harness";
import { fieldLabel } from "./error-handler";

const ctx = setUpTestApp();

describe("HTTP edges", () => {
  it("answers an unknown API route with a JSON 404 in Chinese", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: "NOT_FOUND", message: "请求的接口不存在" } });
  });

  it("answers a malformed JSON body with a 400 in Chinese", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const response = await agent.request("POST", "/api/institutions", { body: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("请求格式不正确");
  });

  it("keeps API responses out of caches", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/auth/session" });
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("publishes the OpenAPI description, and the committed copy is current (npm run openapi)", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.json().paths["/api/institutions"]).toBeDefined();
    expect(response.json()).toEqual(JSON.parse(readFileSync("docs/openapi.json", "utf8")));
  });
});

describe("field labels", () => {
  it("name the field in Chinese, with the row for array items", () => {
    expect(fieldLabel("/beds")).toEqual({ field: "beds", label: "床位数" });
    expect(fieldLabel("/rows/2/creditCode")).toEqual({ field: "rows.2.creditCode", label: "第 3 项的统一社会信用代码" });
    expect(fieldLabel("/unknownField")).toEqual({ field: "unknownField", label: "unknownField" });
  });
});
