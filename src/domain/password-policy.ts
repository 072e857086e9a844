/**
 * Password rule of 等保 2.0 level 3 as practitioners apply it (shared/regulations.md,
 * "等保 2.0"): at least 8 characters drawn from at least 3 of the 4 classes
 * (upper case, lower case, digits, symbols).
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MIN_CHARACTER_CLASSES = 3;

const CLASSES: RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** Returns the Chinese reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`;
  const classes = CLASSES.filter((pattern) => pattern.test(password)).length;
  if (classes < MIN_CHARACTER_CLASSES) return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
  return null;
}
