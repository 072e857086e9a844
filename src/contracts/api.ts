import { auditRoutes } from "./audit";
import { changePasswordRoute, loginRoute, logoutRoute, sessionRoute } from "./auth";
import { dashboardRoutes } from "./dashboard";
import { fileRoutes } from "./files";
import { institutionRoutes } from "./institutions";
import { jurisdictionRoutes } from "./jurisdictions";
import { noticeRoutes } from "./notices";
import type { RouteContract } from "./route";
import { userRoutes } from "./users";

/** Every route of the API, by area: what the server registers and the web app calls. */
export const API_ROUTES: readonly RouteContract[] = [
  sessionRoute,
  loginRoute,
  logoutRoute,
  changePasswordRoute,
  ...Object.values(jurisdictionRoutes),
  ...Object.values(institutionRoutes),
  ...Object.values(userRoutes),
  ...Object.values(auditRoutes),
  ...Object.values(dashboardRoutes),
  ...Object.values(fileRoutes),
  ...Object.values(noticeRoutes),
];
