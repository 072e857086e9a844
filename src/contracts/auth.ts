import { z } from "zod";
import { passwordProblem } from "../domain/password-policy";
import { keysOf, ROLES } from "./enums";

export const LoginBody = z.object({
  username: z.string().trim().min(1, "不能为空").max(50),
  password: z.string().min(1, "不能为空").max(200),
});

export const NewPassword = z
  .string()
  .max(200, "不能超过 200 位")
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, "不能为空"),
  newPassword: NewPassword,
});

export const CurrentUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(keysOf(ROLES)),
  mustChangePassword: z.boolean(),
  /** The authority (jurisdiction) or institution the user belongs to. */
  affiliation: z.object({ kind: z.enum(["system", "jurisdiction", "institution"]), code: z.string().nullable(), name: z.string() }),
  permissions: z.array(z.string()),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const SessionState = z.object({
  user: CurrentUser.nullable(),
  csrfToken: z.string(),
  /** The browser's session cookie had expired: the login page says so after a reload too. */
  expired: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;
