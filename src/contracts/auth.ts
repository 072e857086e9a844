import { z } from "zod";
import { passwordProblem } from "../domain/password-policy";
import { PERMISSIONS } from "../domain/permissions";
import { ROLES } from "./enums";
import { defineRoute, PUBLIC } from "./route";
import { choice, labelled } from "./validation";

export const LoginBody = z.object({
  username: labelled(z.string().trim().min(1, "不能为空").max(50), "用户名"),
  password: labelled(z.string().min(1, "不能为空").max(200), "密码"),
});

/** A password that satisfies the 等保 2.0 policy (domain/password-policy.ts). */
export const NewPassword = z
  .string()
  .max(200, "不能超过 200 位")
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ChangePasswordBody = z.object({
  currentPassword: labelled(z.string().min(1, "不能为空").max(200), "当前密码"),
  newPassword: labelled(NewPassword, "新密码"),
});

export const AFFILIATION_KINDS = { system: "系统管理", jurisdiction: "监管部门", institution: "机构" } as const;

export const CurrentUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: choice(ROLES, "角色"),
  mustChangePassword: z.boolean(),
  /** The authority (jurisdiction) or institution the user belongs to; `code` is the jurisdiction code or the institution id. */
  affiliation: z.object({ kind: choice(AFFILIATION_KINDS, "所属"), code: z.string().nullable(), name: z.string() }),
  permissions: z.array(choice(PERMISSIONS, "权限")),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const SessionState = z.object({
  user: CurrentUser.nullable(),
  csrfToken: z.string(),
  /** The browser's session cookie had expired: the login page says so after a reload too. */
  expired: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;

export const sessionRoute = defineRoute({
  method: "GET",
  path: "/api/auth/session",
  summary: "当前会话（未登录时返回 user: null，并下发 CSRF 令牌）",
  access: PUBLIC,
  response: SessionState,
});

export const loginRoute = defineRoute({
  method: "POST",
  path: "/api/auth/login",
  summary: "登录",
  access: PUBLIC,
  body: LoginBody,
  example: { username: "lk_admin", password: "Yian@2026" },
  response: SessionState,
});

export const logoutRoute = defineRoute({
  method: "POST",
  path: "/api/auth/logout",
  summary: "退出登录",
  access: { kind: "signed-in", beforePasswordChange: true },
  response: "none",
});

export const changePasswordRoute = defineRoute({
  method: "POST",
  path: "/api/auth/password",
  summary: "修改本人密码（结束本人其他会话）",
  access: { kind: "signed-in", beforePasswordChange: true },
  body: ChangePasswordBody,
  example: { currentPassword: "Yian@2026", newPassword: "Yian@2027x" },
  response: SessionState,
});
