import { Result } from "antd";
import { useCan, useCurrentUser } from "../../app/session";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded } from "../../ui/results";
import { UserAccounts } from "../users/UserListPage";
import { InstitutionActions } from "./InstitutionActions";
import { InstitutionNotices, InstitutionTabs } from "./InstitutionDetailPage";
import { useInstitution } from "./queries";

/**
 * 本单位: an institution's own users' page for their institution — its record, its accounts (for
 * its administrator) and its history. The hazard, inspection and register areas add their tabs here.
 */
export function MyInstitutionPage() {
  const user = useCurrentUser();
  const id = user.affiliation.kind === "institution" ? user.affiliation.code : null;
  return id ? <OwnInstitution id={id} /> : <Result status="info" title="本账户不属于任何机构" />;
}

function OwnInstitution({ id }: { id: string }) {
  const can = useCan();
  const institution = useInstitution(id);
  return (
    <Loaded query={institution}>
      {(detail) => (
        <>
          <PageTitle
            title={detail.name}
            tabTitle="本单位"
            actions={
              <InstitutionActions institution={detail} may={{ edit: detail.actions.edit, register: detail.actions.deregister || detail.actions.restore }} />
            }
          />
          <InstitutionNotices institution={detail} />
          <InstitutionTabs institution={detail} extraTabs={can("user:manage") ? [{ key: "accounts", label: "账户管理", children: <UserAccounts /> }] : []} />
        </>
      )}
    </Loaded>
  );
}
