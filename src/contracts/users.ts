import { z } from "zod";
import { NewPassword } from "./auth";
import { JurisdictionCode, Pagination, pageOf, requiredText, sortingOf, UserIdParams } from "./common";
import { ROLES } from "./enums";
import { defineRoute, requires } from "./route";
import { choice, labelled, references } from "./validation";

export const UserSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: choice(ROLES, "角色"),
  affiliationName: z.string(),
  jurisdictionCode: z.string().nullable(),
  institutionId: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;
export const UserPage = pageOf(UserSummary);
export type UserPage = z.infer<typeof UserPage>;

export const UserFilters = z.object({
  q: labelled(z.string().trim().max(50), "用户名或姓名").optional(),
  role: choice(ROLES, "角色").optional(),
});
export const USER_SORTS = { username: "用户名", displayName: "姓名", lastLoginAt: "最近登录" } as const;
export const UserListQuery = UserFilters.extend(Pagination.shape).extend(sortingOf(USER_SORTS).shape);
export type UserListQuery = z.infer<typeof UserListQuery>;

const displayName = requiredText("姓名", 50);

export const CreateUserBody = z.object({
  username: labelled(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/, "应为 3–32 位字母、数字或 _ . -"),
    "用户名",
  ),
  displayName,
  role: choice(ROLES, "角色"),
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "所属监管部门（行政区划）").optional(),
  institutionId: references(z.uuid(), "institution", "所属机构").optional(),
  /** Handed to the user, who must replace it at first login. */
  password: labelled(NewPassword, "初始密码"),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** PUT replaces both editable fields; neither may be left out. */
export const UpdateUserBody = z.object({ displayName, active: labelled(z.boolean(), "是否启用") });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.object({ password: labelled(NewPassword, "新的初始密码") });

const manage = requires("user:manage");

export const userRoutes = {
  list: defineRoute({ method: "GET", path: "/api/users", summary: "用户列表（管辖范围内）", access: manage, query: UserListQuery, response: UserPage }),
  export: defineRoute({
    method: "GET",
    path: "/api/users/export",
    summary: "导出筛选后的用户列表（.xlsx）",
    access: manage,
    query: UserFilters.extend(sortingOf(USER_SORTS).shape),
    response: "file",
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/users",
    summary: "新增用户（须在首次登录时修改初始密码）",
    access: manage,
    body: CreateUserBody,
    example: { username: "lk_new_inspector", displayName: "新检查员", role: "authority_inspector", jurisdictionCode: "410225", password: "Yian@2026new" },
    response: UserSummary,
    status: 201,
  }),
  update: defineRoute({
    method: "PUT",
    path: "/api/users/:id",
    summary: "修改用户（替换姓名和启用状态）",
    access: manage,
    params: UserIdParams,
    body: UpdateUserBody,
    example: { displayName: "改名后的用户", active: true },
    response: UserSummary,
  }),
  resetPassword: defineRoute({
    method: "POST",
    path: "/api/users/:id/reset-password",
    summary: "重置密码（解除锁定，结束该用户的会话）",
    access: manage,
    params: UserIdParams,
    body: ResetPasswordBody,
    example: { password: "Yian@2026reset" },
    response: UserSummary,
  }),
};
