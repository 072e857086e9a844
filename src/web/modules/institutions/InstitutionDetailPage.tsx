import { EditOutlined } from "@ant-design/icons";
import { Alert, Breadcrumb, Button, Card, Descriptions, Tag } from "antd";
import { Link, useNavigate, useParams } from "react-router";
import { INSTITUTION_GRADES, INSTITUTION_TYPES, OWNERSHIPS } from "../../../contracts/enums";
import type { InstitutionDetail } from "../../../contracts/institutions";
import { labelOf } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded, NotFoundResult } from "../../ui/results";
import { isInstitutionId, useInstitution } from "./queries";

function InstitutionDescriptions({ institution }: { institution: InstitutionDetail }) {
  return (
    <Descriptions bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
      <Descriptions.Item label="机构名称">{institution.name}</Descriptions.Item>
      <Descriptions.Item label="统一社会信用代码">
        {institution.creditCode} {!institution.creditCodeChecksumOk && <Tag color="warning">校验位不符</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label="机构类型">{labelOf(INSTITUTION_TYPES, institution.type)}</Descriptions.Item>
      <Descriptions.Item label="等级">{labelOf(INSTITUTION_GRADES, institution.grade)}</Descriptions.Item>
      <Descriptions.Item label="所有制">{labelOf(OWNERSHIPS, institution.ownership)}</Descriptions.Item>
      <Descriptions.Item label="是否省直">{institution.provincialDirect ? "是" : "否"}</Descriptions.Item>
      <Descriptions.Item label="所在行政区划">{institution.jurisdictionTrail.map((j) => j.name).join(" / ")}</Descriptions.Item>
      <Descriptions.Item label="地址">{institution.address || "—"}</Descriptions.Item>
      <Descriptions.Item label="床位数">{institution.beds}</Descriptions.Item>
      <Descriptions.Item label="在岗医务人员数">{institution.onDutyMedicalStaff}</Descriptions.Item>
      <Descriptions.Item label="日均门诊量">{institution.dailyOutpatientVisits}</Descriptions.Item>
      <Descriptions.Item label="保安人数">{institution.securityStaff}</Descriptions.Item>
      <Descriptions.Item label="联系人">{institution.contactPerson}</Descriptions.Item>
      <Descriptions.Item label="联系电话">{institution.contactPhone || "—"}</Descriptions.Item>
      <Descriptions.Item label="登记时间">{formatTime(institution.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="最后更新">{formatTime(institution.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

function LoadedInstitution({ id }: { id: string }) {
  const navigate = useNavigate();
  const institution = useInstitution(id);
  return (
    <Loaded query={institution}>
      {(detail) => (
        <>
          <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/institutions">机构管理</Link> }, { title: detail.name }]} />
          <PageTitle
            title={detail.name}
            actions={
              detail.actions.edit && (
                <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/institutions/${detail.id}/edit`)}>
                  编辑
                </Button>
              )
            }
          />
          {!detail.creditCodeChecksumOk && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="统一社会信用代码的校验位与国家标准（GB 32100）计算结果不符，请与机构核对。部分早期试点代码确实如此，可保持原样。"
            />
          )}
          <Card>
            <InstitutionDescriptions institution={detail} />
          </Card>
        </>
      )}
    </Loaded>
  );
}

export function InstitutionDetailPage() {
  const { id = "" } = useParams();
  return isInstitutionId(id) ? <LoadedInstitution id={id} /> : <NotFoundResult />;
}
