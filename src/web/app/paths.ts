/** Pages outside the main layout, which the session sends a user to. */
export const LOGIN_PATH = "/login";
export const CHANGE_PASSWORD_PATH = "/change-password";
