import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Input } from "antd";
import { Navigate, useSearchParams } from "react-router";
import { loginRoute } from "../../../contracts/auth";
import { call } from "../../app/api";
import { useSession } from "../../app/session";
import { AuthCard } from "./AuthCard";

interface Credentials {
  username: string;
  password: string;
}

/**
 * Where to go after login: only a path inside this app, never another site named in the link.
 * Browsers read "//host" and "/\host" (also with tabs or line breaks inside) as another site, so
 * the path is resolved as the browser would and kept only if it stays on this origin.
 */
function safeNext(next: string | null): string {
  if (!next?.startsWith("/")) return "/";
  try {
    const url = new URL(next, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    // Not a URL at all (say, "//%"): nowhere to go but home.
    return "/";
  }
}

export function LoginPage() {
  const { user, notice, startSession } = useSession();
  const [searchParams] = useSearchParams();
  const login = useMutation({
    mutationFn: (credentials: Credentials) => call(loginRoute, { body: credentials }),
    onSuccess: startSession,
  });

  // Signed in (now or in another tab): the session guard takes it from here, including a forced password change.
  if (user) return <Navigate to={safeNext(searchParams.get("next"))} replace />;

  return (
    <AuthCard title="登录">
      {login.error ? (
        <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} />
      ) : (
        notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />
      )}
      <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: "请输入用户名" }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          登录
        </Button>
      </Form>
    </AuthCard>
  );
}
