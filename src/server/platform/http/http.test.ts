import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaPicker, setUpTestApp, signedIn } from "../../../test/harness";
import { registerRequestContext } from "./request-context";

const ctx = setUpTestApp();
const county = areaPicker()().county.code;

/** A raw request over a real socket, for what Node's HTTP parser refuses before the app sees it. */
function rawRequest(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("HTTP edges, all in Chinese", () => {
  let port: number;
  beforeAll(async () => {
    await ctx.app.listen({ host: "127.0.0.1", port: 0 });
    port = (ctx.app.server.address() as AddressInfo).port;
  });
  afterAll(() => ctx.app.server.close());

  it("answers an unknown API route with a JSON 404", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: "NOT_FOUND", message: "请求的接口不存在" } });
  });

  it("answers a malformed JSON body with a 400", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: county });
    const response = await agent.request("POST", "/api/institutions", { body: "{not json", headers: { "content-type": "application/json" } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("请求格式不正确");
  });

  it("answers headers too large (431) in Chinese, as JSON", async () => {
    const response = await rawRequest(port, "/api/auth/session", { cookie: `x=${"a".repeat(20_000)}` });
    expect(response.status).toBe(431);
    expect(JSON.parse(response.body).error.message).toMatch(/^请求头过大/);
  });

  it("answers an over-long path parameter (414) in Chinese, as JSON", async () => {
    const response = await ctx.app.inject({ method: "GET", url: `/api/institutions/${"a".repeat(200)}` });
    expect(response.statusCode).toBe(414);
    expect(response.json().error.message).toBe("请求地址过长");
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

describe("permissions declared on the route", () => {
  it("every API route declares who may call it, in the OpenAPI too", async () => {
    const document = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const undeclared = Object.entries(document.paths as Record<string, Record<string, { "x-access"?: unknown }>>).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => !operation["x-access"])
        .map(([method]) => `${method} ${path}`),
    );
    expect(undeclared).toEqual([]);
  });

  it("refuses to start with an API route that declares no access", async () => {
    const app = Fastify();
    registerRequestContext(app, { db: ctx.db, idleMinutes: 30, secureCookies: false, positionOf: () => undefined });
    expect(() => app.get("/api/forgotten", async () => ({}))).toThrow("GET /api/forgotten declares no access");
    await app.close();
  });
});
