import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../contracts/enums";
import { assignableRoles, can } from "./permissions";

describe("role permissions", () => {
  it("lets only authority administrators create and import institutions", () => {
    const creators = (Object.keys(ROLES) as Role[]).filter((role) => can(role, "institution:create"));
    expect(creators).toEqual(["authority_admin"]);
  });

  it("keeps the audit trail for the system administrator alone", () => {
    expect((Object.keys(ROLES) as Role[]).filter((role) => can(role, "audit:read"))).toEqual(["system_admin"]);
  });

  it("leaves an institution's registration (type, grade, 省直…) to the supervising authority", () => {
    expect((Object.keys(ROLES) as Role[]).filter((role) => can(role, "institution:register"))).toEqual(["authority_admin"]);
    expect(can("institution_admin", "institution:update")).toBe(true);
  });

  it("does not let institution staff edit, export or manage users", () => {
    expect(can("institution_staff", "institution:update")).toBe(false);
    expect(can("institution_staff", "institution:export")).toBe(false);
    expect(can("institution_staff", "user:manage")).toBe(false);
  });

  it("never lets a manager hand out a role above its own kind", () => {
    expect(assignableRoles("authority_admin")).not.toContain("system_admin");
    expect(assignableRoles("institution_admin")).toEqual(["institution_admin", "institution_staff"]);
    expect(assignableRoles("authority_inspector")).toEqual([]);
  });
});
