import { describe, expect, it } from "vitest";
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from "./login-lockout";

const policy = { maxFailures: 5, lockMinutes: 15 };
const now = new Date("2026-11-23T08:00:00Z");
const fresh = { failedLogins: 0, lockedUntil: null };

describe("login lockout", () => {
  it("counts failures without locking below the limit", () => {
    let state = fresh as ReturnType<typeof afterFailedLogin>;
    for (let i = 0; i < 4; i++) state = afterFailedLogin(state, policy, now);
    expect(state).toEqual({ failedLogins: 4, lockedUntil: null });
    expect(isLocked(state, now)).toBe(false);
  });

  it("locks for 15 minutes at the fifth failure", () => {
    const state = afterFailedLogin({ failedLogins: 4, lockedUntil: null }, policy, now);
    expect(state.lockedUntil).toEqual(new Date("2026-11-23T08:15:00Z"));
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date("2026-11-23T08:14:59Z"))).toBe(true);
    expect(isLocked(state, new Date("2026-11-23T08:15:00Z"))).toBe(false);
  });

  it("starts counting again after a lock has expired", () => {
    const expired = { failedLogins: 5, lockedUntil: new Date("2026-11-23T07:59:00Z") };
    expect(afterFailedLogin(expired, policy, now)).toEqual({ failedLogins: 1, lockedUntil: null });
  });

  it("clears the counter on success", () => {
    expect(afterSuccessfulLogin()).toEqual({ failedLogins: 0, lockedUntil: null });
  });
});
