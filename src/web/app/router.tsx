import { createBrowserRouter } from "react-router";
import { ChangePasswordPage } from "../modules/auth/ChangePasswordPage";
import { LoginPage } from "../modules/auth/LoginPage";
import { PublicDrawPage } from "../modules/draws/PublicDrawPage";
import { VerifyNoticePage } from "../modules/notices/VerifyNoticePage";
import { CrashResult, NotFoundResult } from "../ui/results";
import { AppLayout } from "./AppLayout";
import { RequirePermission, RequireSession } from "./guards";
import { PAGES } from "./pages";
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from "./paths";

export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: <LoginPage />, errorElement: <CrashResult /> },
  // Opened from a notice's QR code by anyone, signed in or not.
  { path: "/verify/:code", element: <VerifyNoticePage />, errorElement: <CrashResult /> },
  // 一公开: a published draw, opened by anyone from its address.
  { path: "/public/draws/:code", element: <PublicDrawPage />, errorElement: <CrashResult /> },
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
