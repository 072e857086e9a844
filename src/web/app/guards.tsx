import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import type { Permission } from "../../domain/permissions";
import { ForbiddenResult } from "../ui/results";
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from "./paths";
import { useCan, useSession } from "./session";

/** Pages behind a login; a user with an initial password reaches nothing but the change-password page. */
export function RequireSession() {
  const { user } = useSession();
  const location = useLocation();
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === "/" ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  return <Outlet />;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <ForbiddenResult />;
}
