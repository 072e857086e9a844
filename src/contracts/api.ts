import { auditRoutes } from "./audit";
import { changePasswordRoute, loginRoute, logoutRoute, sessionRoute } from "./auth";
import { campaignRoutes } from "./campaigns";
import { checklistRoutes } from "./checklists";
import { commonProblemRoutes } from "./common-problems";
import { dashboardRoutes } from "./dashboard";
import { drawRoutes, expertRoutes, groupRoutes } from "./draws";
import { fileRoutes } from "./files";
import { hazardImportRoutes } from "./hazard-import";
import { exportJobRoutes, hazardRoutes } from "./hazards";
import { inspectionRoutes } from "./inspections";
import { institutionRoutes } from "./institutions";
import { jurisdictionRoutes } from "./jurisdictions";
import { listingRoutes } from "./listings";
import { noticeRoutes } from "./notices";
import { notificationRoutes } from "./notifications";
import type { RouteContract } from "./route";
import { settingsRoutes } from "./settings";
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
  ...Object.values(hazardRoutes),
  ...Object.values(hazardImportRoutes),
  ...Object.values(exportJobRoutes),
  ...Object.values(listingRoutes),
  ...Object.values(commonProblemRoutes),
  ...Object.values(settingsRoutes),
  ...Object.values(notificationRoutes),
  ...Object.values(checklistRoutes),
  ...Object.values(expertRoutes),
  ...Object.values(groupRoutes),
  ...Object.values(drawRoutes),
  ...Object.values(campaignRoutes),
  ...Object.values(inspectionRoutes),
];
