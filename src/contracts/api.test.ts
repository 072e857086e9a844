import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./api";
import { checkInput, installChineseMessages } from "./validation";

installChineseMessages();

describe("the API contract", () => {
  it.each(API_ROUTES.filter((route) => route.body).map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s documents a body example that its own schema accepts",
    (_name, route) => {
      expect(route.example).toBeDefined();
      const checked = checkInput(route.body as NonNullable<typeof route.body>, route.example);
      expect(checked.success ? [] : checked.problems).toEqual([]);
    },
  );

  it("has one route per method and path", () => {
    const keys = API_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
