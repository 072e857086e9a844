import type { FormRule } from "antd";
import { NewPassword } from "../../contracts/auth";
import { MIN_PASSWORD_LENGTH } from "../../domain/password-policy";
import { schemaRule } from "./schema-rule";

export const PASSWORD_HINT = `至少 ${MIN_PASSWORD_LENGTH} 位，含大写字母、小写字母、数字、符号中的至少三类`;

/** The server's password policy, checked as the user types. */
export const NEW_PASSWORD_RULES: FormRule[] = [{ required: true, message: "请输入密码" }, schemaRule(NewPassword)];
