import { AuditOutlined, BankOutlined, HomeOutlined, TeamOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import type { Permission } from "../../domain/permissions";
import { AuditLogPage } from "../modules/audit/AuditLogPage";
import { HomePage } from "../modules/dashboard/HomePage";
import { InstitutionDetailPage } from "../modules/institutions/InstitutionDetailPage";
import { InstitutionFormPage } from "../modules/institutions/InstitutionFormPage";
import { InstitutionListPage } from "../modules/institutions/InstitutionListPage";
import { UserListPage } from "../modules/users/UserListPage";

export interface AppPage {
  path: string;
  /** What the page needs (the server checks again); the menu shows only the entries the user may open. */
  permission: Permission;
  page: ReactNode;
  /** An entry of the side menu, for the pages that have one. */
  menu?: { label: string; icon: ReactNode };
}

/** The pages inside the main layout: the router's routes and the side menu both come from here. */
export const PAGES: AppPage[] = [
  { path: "/", permission: "institution:read", page: <HomePage />, menu: { label: "首页", icon: <HomeOutlined /> } },
  { path: "/institutions", permission: "institution:read", page: <InstitutionListPage />, menu: { label: "机构管理", icon: <BankOutlined /> } },
  { path: "/institutions/new", permission: "institution:create", page: <InstitutionFormPage /> },
  { path: "/institutions/:id", permission: "institution:read", page: <InstitutionDetailPage /> },
  { path: "/institutions/:id/edit", permission: "institution:update", page: <InstitutionFormPage /> },
  { path: "/users", permission: "user:manage", page: <UserListPage />, menu: { label: "用户管理", icon: <TeamOutlined /> } },
  { path: "/audit", permission: "audit:read", page: <AuditLogPage />, menu: { label: "审计日志", icon: <AuditOutlined /> } },
];
