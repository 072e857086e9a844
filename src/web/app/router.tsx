import type { ReactNode } from "react";
import { createBrowserRouter } from "react-router";
import type { Permission } from "../../domain/permissions";
import { AuditLogPage } from "../modules/audit/AuditLogPage";
import { ChangePasswordPage } from "../modules/auth/ChangePasswordPage";
import { LoginPage } from "../modules/auth/LoginPage";
import { HomePage } from "../modules/dashboard/HomePage";
import { InstitutionDetailPage } from "../modules/institutions/InstitutionDetailPage";
import { InstitutionFormPage } from "../modules/institutions/InstitutionFormPage";
import { InstitutionListPage } from "../modules/institutions/InstitutionListPage";
import { UserListPage } from "../modules/users/UserListPage";
import { CrashResult, NotFoundResult } from "../ui/results";
import { AppLayout } from "./AppLayout";
import { RequirePermission, RequireSession } from "./guards";
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from "./paths";

/** The pages inside the main layout and the permission each needs (the server checks again). */
const PAGES: { path: string; permission: Permission; page: ReactNode }[] = [
  { path: "/", permission: "institution:read", page: <HomePage /> },
  { path: "/institutions", permission: "institution:read", page: <InstitutionListPage /> },
  { path: "/institutions/new", permission: "institution:create", page: <InstitutionFormPage /> },
  { path: "/institutions/:id", permission: "institution:read", page: <InstitutionDetailPage /> },
  { path: "/institutions/:id/edit", permission: "institution:update", page: <InstitutionFormPage /> },
  { path: "/users", permission: "user:manage", page: <UserListPage /> },
  { path: "/audit", permission: "audit:read", page: <AuditLogPage /> },
];

export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: <LoginPage />, errorElement: <CrashResult /> },
  {
    element: <RequireSession />,
    errorElement: <CrashResult />,
    children: [
      { path: CHANGE_PASSWORD_PATH, element: <ChangePasswordPage /> },
      {
        element: <AppLayout />,
        children: [
          {
            // Inside the layout, so a page that crashes keeps the menu around it.
            errorElement: <CrashResult />,
            children: [
              ...PAGES.map(({ path, permission, page }) => ({ path, element: <RequirePermission permission={permission}>{page}</RequirePermission> })),
              { path: "*", element: <NotFoundResult /> },
            ],
          },
        ],
      },
    ],
  },
]);
