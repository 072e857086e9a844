import { LockOutlined, LogoutOutlined, MenuOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Button, Drawer, Grid, Layout, Menu, type MenuProps, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { ROLES } from "../../contracts/enums";
import { InspectionOutbox } from "../modules/inspections/InspectionOutbox";
import { NotificationBell } from "../modules/notifications/NotificationBell";
import { MENU_GROUPS, PAGES } from "./pages";
import { CHANGE_PASSWORD_PATH } from "./paths";
import { useCan, useCurrentUser, useSignOut } from "./session";
import "./layout.css";

const NAVIGATION = PAGES.flatMap(({ path, permission, menu }) => (menu ? [{ path, permission, ...menu }] : []));

/** The entry of the page shown: the longest entry path the address starts with (待复查 under 隐患台账 selects 待复查). */
function selectedPath(pathname: string): string {
  const matches = NAVIGATION.filter((item) => item.path !== "/" && (pathname === item.path || pathname.startsWith(`${item.path}/`)));
  const match = matches.sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? pathname;
}

type MenuGroupKey = keyof typeof MENU_GROUPS;

const groupOf = (path: string): MenuGroupKey | undefined => NAVIGATION.find((item) => item.path === path)?.group;

/**
 * The side menu: an entry per page the user may open, those of a group (督导检查) under its heading
 * where the group's first entry stands. The group of the page shown opens by itself.
 */
function NavigationMenu({ onNavigate }: { onNavigate?: () => void }) {
  const can = useCan();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const selected = selectedPath(pathname);
  const shownGroup = groupOf(selected);
  const [openKeys, setOpenKeys] = useState<string[]>(shownGroup ? [shownGroup] : []);
  useEffect(() => {
    if (shownGroup) setOpenKeys((open) => (open.includes(shownGroup) ? open : [...open, shownGroup]));
  }, [shownGroup]);
  const entries = NAVIGATION.filter((item) => can(item.permission) && (!item.for || item.for.includes(user.affiliation.kind)));
  const entryOf = (item: (typeof entries)[number]) => ({
    key: item.path,
    icon: item.icon,
    label: (
      <Link to={item.path} onClick={onNavigate}>
        {item.label}
      </Link>
    ),
  });
  const items: NonNullable<MenuProps["items"]> = [];
  for (const item of entries) {
    if (!item.group) items.push(entryOf(item));
    else if (!items.some((placed) => placed?.key === item.group)) {
      const { label, icon } = MENU_GROUPS[item.group];
      items.push({ key: item.group, label, icon, children: entries.filter((member) => member.group === item.group).map(entryOf) });
    }
  }
  return <Menu mode="inline" theme="dark" selectedKeys={[selected]} openKeys={openKeys} onOpenChange={setOpenKeys} items={items} />;
}

const brand = (
  <Link to="/" className="yian-brand">
    <SafetyCertificateOutlined />
    <span>医安</span>
  </Link>
);

export function AppLayout() {
  const user = useCurrentUser();
  const can = useCan();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume a desktop until told otherwise.
  const isWide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout className="yian-shell">
      {isWide ? (
        <Layout.Sider width={208} className="yian-sider">
          {brand}
          <NavigationMenu />
        </Layout.Sider>
      ) : (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          title={null}
          // No visible title: the dialog is named for screen readers.
          aria-label="导航菜单"
          closable={false}
          styles={{ body: { padding: 0, background: "#001529" } }}
        >
          {brand}
          <div className="yian-drawer-user">
            <div>{user.displayName}</div>
            <div>{user.affiliation.name}</div>
            <Tag color="blue">{ROLES[user.role]}</Tag>
          </div>
          <NavigationMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="yian-header">
          <Space size="middle">
            {!isWide && <Button type="text" aria-label="打开菜单" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} />}
            {!isWide && <span className="yian-header-title">医安</span>}
            {isWide && <Typography.Text type="secondary">卫生健康安全监管平台</Typography.Text>}
          </Space>
          <Space size={isWide ? "middle" : "small"} className="yian-header-user">
            {can("hazard:read") && <NotificationBell />}
            {/* On a phone the name is in the menu drawer: the header keeps room for the bell. */}
            {isWide && <Typography.Text strong>{user.displayName}</Typography.Text>}
            {isWide && <Typography.Text type="secondary">{user.affiliation.name}</Typography.Text>}
            {isWide && <Tag color="blue">{ROLES[user.role]}</Tag>}
            <Button type="text" aria-label="修改密码" icon={<LockOutlined />} onClick={() => navigate(CHANGE_PASSWORD_PATH)}>
              {isWide && "修改密码"}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={signOut}>
              {isWide ? "退出登录" : "退出"}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="yian-content">
          <Outlet />
          <InspectionOutbox />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
