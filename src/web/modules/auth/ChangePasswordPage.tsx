import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Form, Input } from "antd";
import { useNavigate } from "react-router";
import { changePasswordRoute } from "../../../contracts/auth";
import { call } from "../../app/api";
import { useCurrentUser, useSession, useSignOut } from "../../app/session";
import { NEW_PASSWORD_RULES, PASSWORD_HINT } from "../../ui/password-rules";
import { showSubmitError } from "../../ui/server-error";
import { AuthCard } from "./AuthCard";

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const user = useCurrentUser();
  const { startSession } = useSession();
  const signOut = useSignOut();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordChange>();
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordChange) => call(changePasswordRoute, { body: { currentPassword, newPassword } }),
    onSuccess: (state) => {
      startSession(state);
      message.success("密码已修改");
      navigate("/", { replace: true });
    },
    onError: (error) => showSubmitError(form, message, error),
  });

  return (
    <AuthCard title="修改密码">
      {user.mustChangePassword && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="为保障账户安全，首次登录或密码被重置后须先修改密码，才能使用系统。" />
      )}
      <Form<PasswordChange> form={form} layout="vertical" requiredMark={false} onFinish={(values) => change.mutate(values)} disabled={change.isPending}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: "请输入当前密码" }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={NEW_PASSWORD_RULES} extra={PASSWORD_HINT}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: "请再次输入新密码" },
            ({ getFieldValue }) => ({
              validator: async (_rule, value) => {
                if (value && value !== getFieldValue("newPassword")) throw new Error("两次输入的新密码不一致");
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Flex gap={8} vertical>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            确认修改
          </Button>
          {user.mustChangePassword ? (
            <Button block onClick={signOut}>
              退出登录
            </Button>
          ) : (
            <Button block onClick={() => navigate("/")}>
              返回首页
            </Button>
          )}
        </Flex>
      </Form>
    </AuthCard>
  );
}
