import { useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, Select, Switch } from "antd";
import { ROLES, type Role } from "../../../contracts/enums";
import { CreateUserBody, type UserSummary, userRoutes } from "../../../contracts/users";
import { assignableRoles, isAuthorityRole, isInstitutionRole } from "../../../domain/permissions";
import { call } from "../../app/api";
import { useCurrentUser, useSession } from "../../app/session";
import { FormDialog } from "../../ui/FormDialog";
import { NEW_PASSWORD_RULES, PASSWORD_HINT } from "../../ui/password-rules";
import { schemaRule } from "../../ui/schema-rule";
import { InstitutionSelect } from "../institutions/InstitutionSelect";
import { JurisdictionTreeSelect } from "../jurisdictions/JurisdictionTreeSelect";

/**
 * Saves through the API, then refreshes the user list and says so; after an edit of one's own
 * account also the session, which the header and home page show the name from.
 */
function useUserSave() {
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const { refreshSession } = useSession();
  const { message } = App.useApp();
  return async (request: Promise<UserSummary>, done: string) => {
    const saved = await request;
    message.success(done);
    await Promise.all([queryClient.invalidateQueries({ queryKey: [userRoutes.list.path] }), saved.id === me.id && refreshSession()]);
  };
}

/** The roles the signed-in manager may hand out, which are also the only ones their user list can hold. */
export function useAssignableRoleOptions(): { value: Role; label: string }[] {
  const me = useCurrentUser();
  return assignableRoles(me.role).map((role) => ({ value: role, label: ROLES[role] }));
}

const initialPasswordItem = (
  <Form.Item label="初始密码" name="password" rules={NEW_PASSWORD_RULES} extra={`${PASSWORD_HINT}；用户首次登录时须修改`}>
    <Input.Password autoComplete="new-password" />
  </Form.Item>
);

export function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const save = useUserSave();
  const roleOptions = useAssignableRoleOptions();
  // An institution's administrator adds accounts to their own institution only.
  const ownInstitution = me.affiliation.kind === "institution" ? me.affiliation : null;
  return (
    <FormDialog<CreateUserBody>
      title="新增用户"
      okText="创建"
      initialValues={ownInstitution?.code ? { institutionId: ownInstitution.code } : undefined}
      onClose={onClose}
      onSubmit={(body) => save(call(userRoutes.create, { body }), `已创建用户 ${body.username}`)}
    >
      <Form.Item label="用户名" name="username" rules={[{ required: true, message: "请输入用户名" }, schemaRule(CreateUserBody.shape.username)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: "请输入姓名" }, { max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: "请选择角色" }]}>
        <Select options={roleOptions} placeholder="请选择" />
      </Form.Item>
      {/* Authority accounts belong to a jurisdiction, institution accounts to one institution. */}
      <Form.Item noStyle dependencies={["role"]}>
        {({ getFieldValue }) => {
          const role = getFieldValue("role") as Role | undefined;
          if (isAuthorityRole(role))
            return (
              <Form.Item label="所属监管部门（行政区划）" name="jurisdictionCode" rules={[{ required: true, message: "请选择行政区划" }]}>
                <JurisdictionTreeSelect placeholder="请选择" />
              </Form.Item>
            );
          if (isInstitutionRole(role))
            return (
              <Form.Item label="所属机构" name="institutionId" rules={[{ required: true, message: "请选择机构" }]}>
                {ownInstitution?.code ? <Select disabled options={[{ value: ownInstitution.code, label: ownInstitution.name }]} /> : <InstitutionSelect />}
              </Form.Item>
            );
          return null;
        }}
      </Form.Item>
      {initialPasswordItem}
    </FormDialog>
  );
}

export function EditUserDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const me = useCurrentUser();
  const save = useUserSave();
  return (
    <FormDialog<{ displayName: string; active: boolean }>
      title={`编辑用户 ${user.username}`}
      okText="保存"
      initialValues={{ displayName: user.displayName, active: user.active }}
      onClose={onClose}
      onSubmit={(body) => save(call(userRoutes.update, { params: { id: user.id }, body }), "已保存")}
    >
      <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: "请输入姓名" }, { max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="启用" name="active" valuePropName="checked" extra={user.id === me.id ? "不能停用自己的账户" : "停用后该用户立即退出，且不能再登录"}>
        <Switch checkedChildren="启用" unCheckedChildren="停用" disabled={user.id === me.id} />
      </Form.Item>
    </FormDialog>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const save = useUserSave();
  return (
    <FormDialog<{ password: string }>
      title={`重置 ${user.displayName}（${user.username}）的密码`}
      okText="重置"
      onClose={onClose}
      onSubmit={(body) => save(call(userRoutes.resetPassword, { params: { id: user.id }, body }), "密码已重置，并已解除锁定")}
    >
      {initialPasswordItem}
    </FormDialog>
  );
}
