import { z } from "zod";
import { NewPassword } from "./auth";
import { JurisdictionCode, Pagination, pageOf } from "./common";
import { keysOf, ROLES } from "./enums";

export const UserSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(keysOf(ROLES)),
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

export const UserListQuery = Pagination.extend({
  q: z.string().trim().max(50).optional(),
  role: z.enum(keysOf(ROLES)).optional(),
});

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, "应为 3–32 位字母、数字或 _ . -"),
  displayName: z.string().trim().min(1, "不能为空").max(50),
  role: z.enum(keysOf(ROLES)),
  jurisdictionCode: JurisdictionCode.optional(),
  institutionId: z.uuid().optional(),
  /** Handed to the user, who must replace it at first login. */
  password: NewPassword,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1, "不能为空").max(50),
  active: z.boolean(),
});

export const ResetPasswordBody = z.object({ password: NewPassword });
