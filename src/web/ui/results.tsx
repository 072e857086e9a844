import type { UseQueryResult } from "@tanstack/react-query";
import { Button, Result, Skeleton } from "antd";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../app/api";

/** A button, not a button inside a link: one control, one focus stop, one role. */
function BackHome() {
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate("/")}>
      返回首页
    </Button>
  );
}

export function NotFoundResult({ subTitle = "您访问的页面不存在，或不在您的管辖范围内。" }: { subTitle?: string }) {
  return <Result status="404" title="页面不存在" subTitle={subTitle} extra={<BackHome />} />;
}

export function ForbiddenResult({ subTitle = "您的账户没有访问该页面的权限。" }: { subTitle?: string }) {
  return <Result status="403" title="无权访问" subTitle={subTitle} extra={<BackHome />} />;
}

/**
 * What a page shows when its data could not be loaded. A record outside the caller's scope
 * comes back as 404 from the server, so it reads as "not found" rather than leaking that it exists.
 */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 404) return <NotFoundResult subTitle={`${error.message}，或不在您的管辖范围内。`} />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenResult subTitle={error.message} />;
  return (
    <Result
      status="error"
      title="加载失败"
      subTitle={error.message}
      extra={
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}

/** A page's data: a skeleton while it loads, why it failed with a retry, else the page drawn from it. */
export function Loaded<Data>({ query, rows = 8, children }: { query: UseQueryResult<Data>; rows?: number; children: (data: Data) => ReactNode }) {
  if (query.isPending) return <Skeleton active paragraph={{ rows }} />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  return children(query.data);
}

/** Shown instead of a page that crashed while rendering: the rest of the app stays usable. */
export function CrashResult() {
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle="页面显示时发生错误。请刷新页面重试；如果问题持续，请联系系统管理员。"
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
