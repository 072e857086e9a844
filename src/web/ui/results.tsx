import { Button, Result } from "antd";
import { Link } from "react-router";
import { ApiError } from "../app/api";

const backHome = (
  <Link to="/">
    <Button type="primary">返回首页</Button>
  </Link>
);

export function NotFoundResult({ subTitle = "您访问的页面不存在，或不在您的管辖范围内。" }: { subTitle?: string }) {
  return <Result status="404" title="页面不存在" subTitle={subTitle} extra={backHome} />;
}

export function ForbiddenResult({ subTitle = "您的账户没有访问该页面的权限。" }: { subTitle?: string }) {
  return <Result status="403" title="无权访问" subTitle={subTitle} extra={backHome} />;
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
