import {
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  FundOutlined,
  HomeOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { CurrentUser } from "../../contracts/auth";
import type { Permission } from "../../domain/permissions";
import { AuditLogPage } from "../modules/audit/AuditLogPage";
import { CampaignCreatePage } from "../modules/campaigns/CampaignCreatePage";
import { CampaignDetailPage } from "../modules/campaigns/CampaignDetailPage";
import { CampaignListPage } from "../modules/campaigns/CampaignListPage";
import { CoverageLedgerPage } from "../modules/campaigns/CoverageLedgerPage";
import { MyAssignmentsPage } from "../modules/campaigns/MyAssignmentsPage";
import { ChecklistDetailPage } from "../modules/checklists/ChecklistDetailPage";
import { EditChecklistPage, NewChecklistPage } from "../modules/checklists/ChecklistEditorPage";
import { ChecklistListPage } from "../modules/checklists/ChecklistListPage";
import { HomePage } from "../modules/dashboard/HomePage";
import { ExpertListPage } from "../modules/draws/ExpertListPage";
import { CommonProblemsPage } from "../modules/hazards/CommonProblemsPage";
import { HazardDetailPage } from "../modules/hazards/HazardDetailPage";
import { HazardLedgerPage, HazardReviewPage, MyHazardsPage } from "../modules/hazards/HazardListPages";
import { HazardRecordPage } from "../modules/hazards/HazardRecordPage";
import { InspectionDetailPage } from "../modules/inspections/InspectionDetailPage";
import { InspectionFormPage } from "../modules/inspections/InspectionFormPage";
import { InspectionListPage } from "../modules/inspections/InspectionListPage";
import { InstitutionDetailPage } from "../modules/institutions/InstitutionDetailPage";
import { InstitutionFormPage } from "../modules/institutions/InstitutionFormPage";
import { InstitutionListPage } from "../modules/institutions/InstitutionListPage";
import { MyInstitutionPage } from "../modules/institutions/MyInstitutionPage";
import { ListingQueuePage } from "../modules/listings/ListingQueuePage";
import { NoticeListPage } from "../modules/notices/NoticeListPage";
import { NotificationsPage } from "../modules/notifications/NotificationsPage";
import { CalendarPage } from "../modules/settings/CalendarPage";
import { HazardSettingsPage } from "../modules/settings/HazardSettingsPage";
import { UserListPage } from "../modules/users/UserListPage";

export interface AppPage {
  path: string;
  /** What the page needs (the server checks again); the menu shows only the entries the user may open. */
  permission: Permission;
  page: ReactNode;
  /** An entry of the side menu, for the pages that have one; `for` limits it to one kind of account. */
  menu?: { label: string; icon: ReactNode; for?: CurrentUser["affiliation"]["kind"][]; group?: keyof typeof MENU_GROUPS };
}

/** Entries of the side menu gathered under one heading, opened and closed together (Ant Design Pro's sub-menus). */
export const MENU_GROUPS = {
  inspection: { label: "督导检查", icon: <ReconciliationOutlined /> },
} satisfies Record<string, { label: string; icon: ReactNode }>;

/** The pages inside the main layout: the router's routes and the side menu both come from here. */
export const PAGES: AppPage[] = [
  { path: "/", permission: "institution:read", page: <HomePage />, menu: { label: "首页", icon: <HomeOutlined /> } },
  { path: "/my-institution", permission: "institution:own", page: <MyInstitutionPage />, menu: { label: "本单位", icon: <ShopOutlined /> } },
  // An institution's own users have their record, accounts and history on 本单位, not in a one-row registry.
  {
    path: "/institutions",
    permission: "institution:read",
    page: <InstitutionListPage />,
    menu: { label: "机构管理", icon: <BankOutlined />, for: ["system", "jurisdiction"] },
  },
  { path: "/institutions/new", permission: "institution:create", page: <InstitutionFormPage /> },
  { path: "/institutions/:id", permission: "institution:read", page: <InstitutionDetailPage /> },
  { path: "/institutions/:id/edit", permission: "institution:update", page: <InstitutionFormPage /> },
  { path: "/hazards", permission: "hazard:read", page: <HazardLedgerPage />, menu: { label: "隐患台账", icon: <WarningOutlined />, for: ["jurisdiction"] } },
  {
    path: "/hazards/review",
    permission: "hazard:read",
    page: <HazardReviewPage />,
    menu: { label: "待复查", icon: <FileSearchOutlined />, for: ["jurisdiction"] },
  },
  { path: "/hazards/new", permission: "hazard:record", page: <HazardRecordPage />, menu: { label: "登记隐患", icon: <FormOutlined /> } },
  { path: "/hazards/:id", permission: "hazard:read", page: <HazardDetailPage /> },
  { path: "/my-hazards", permission: "hazard:read", page: <MyHazardsPage />, menu: { label: "我的隐患", icon: <WarningOutlined />, for: ["institution"] } },
  { path: "/notices", permission: "hazard:read", page: <NoticeListPage />, menu: { label: "通知书", icon: <FileTextOutlined /> } },
  { path: "/users", permission: "user:manage", page: <UserListPage />, menu: { label: "用户管理", icon: <TeamOutlined />, for: ["system", "jurisdiction"] } },
  { path: "/common-problems", permission: "hazard:record", page: <CommonProblemsPage />, menu: { label: "共性问题", icon: <BarChartOutlined /> } },
  { path: "/hazard-listings", permission: "hazard:record", page: <ListingQueuePage />, menu: { label: "挂牌督办", icon: <FlagOutlined /> } },
  // 督导检查: the campaigns and what they record, then the tools they are planned with.
  { path: "/campaigns", permission: "campaign:read", page: <CampaignListPage />, menu: { label: "检查工作", icon: <CarryOutOutlined />, group: "inspection" } },
  { path: "/campaigns/new", permission: "campaign:manage", page: <CampaignCreatePage /> },
  { path: "/campaigns/:id", permission: "campaign:read", page: <CampaignDetailPage /> },
  {
    path: "/my-assignments",
    permission: "institution:own",
    page: <MyAssignmentsPage />,
    menu: { label: "检查安排", icon: <ScheduleOutlined />, group: "inspection", for: ["institution"] },
  },
  {
    path: "/inspections",
    permission: "inspection:read",
    page: <InspectionListPage />,
    menu: { label: "检查记录", icon: <FileDoneOutlined />, group: "inspection" },
  },
  // Works offline once opened: the form and its draft live on the device (modules/inspections).
  { path: "/inspections/new", permission: "inspection:read", page: <InspectionFormPage /> },
  { path: "/inspections/:id", permission: "inspection:read", page: <InspectionDetailPage /> },
  {
    path: "/coverage",
    permission: "campaign:read",
    page: <CoverageLedgerPage />,
    menu: { label: "督查全覆盖台账", icon: <FundOutlined />, group: "inspection" },
  },
  {
    path: "/checklists",
    permission: "campaign:read",
    page: <ChecklistListPage />,
    menu: { label: "检查表", icon: <ProfileOutlined />, group: "inspection", for: ["jurisdiction"] },
  },
  { path: "/checklists/new", permission: "checklist:manage", page: <NewChecklistPage /> },
  { path: "/checklists/:id", permission: "campaign:read", page: <ChecklistDetailPage /> },
  { path: "/checklists/:id/edit", permission: "checklist:manage", page: <EditChecklistPage /> },
  { path: "/experts", permission: "expert:manage", page: <ExpertListPage />, menu: { label: "专家库", icon: <SolutionOutlined />, group: "inspection" } },

  { path: "/settings/hazards", permission: "settings:manage", page: <HazardSettingsPage />, menu: { label: "隐患设置", icon: <SettingOutlined /> } },
  { path: "/settings/calendar", permission: "calendar:manage", page: <CalendarPage />, menu: { label: "工作日历", icon: <CalendarOutlined /> } },
  { path: "/notifications", permission: "hazard:read", page: <NotificationsPage /> },
  { path: "/audit", permission: "audit:read", page: <AuditLogPage />, menu: { label: "审计日志", icon: <AuditOutlined /> } },
];
