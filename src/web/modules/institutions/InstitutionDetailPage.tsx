import { Alert, Breadcrumb, Card, Descriptions, Flex, Tabs, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import {
  INSTITUTION_GRADES,
  INSTITUTION_STATUSES,
  INSTITUTION_TYPE_CATALOGUE,
  INSTITUTION_TYPE_GROUPS,
  INSTITUTION_TYPES,
  OWNERSHIPS,
} from "../../../contracts/enums";
import type { InstitutionDetail } from "../../../contracts/institutions";
import { STAFFING_RULES } from "../../../domain/security-staffing";
import { labelOf, yesNo } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded, NotFoundResult } from "../../ui/results";
import { InstitutionActions } from "./InstitutionActions";
import { InstitutionHistory } from "./InstitutionHistory";
import { isInstitutionId, useInstitution } from "./queries";

const groupOf = (type: string) => {
  const entry = INSTITUTION_TYPE_CATALOGUE[type as keyof typeof INSTITUTION_TYPE_CATALOGUE];
  return entry ? INSTITUTION_TYPE_GROUPS[entry.group] : "";
};

/** Required against actual security staff (seed 003's "就高不就低" rule), with the figure that decides it. */
export function StaffingSummary({ institution }: { institution: InstitutionDetail }) {
  const { required, decidedBy } = institution.staffing;
  const short = institution.securityStaff < required;
  return (
    <Flex vertical gap={4}>
      <span>
        实有 <strong>{institution.securityStaff}</strong> 人，按规定至少 <strong>{required}</strong> 人{" "}
        {required > 0 && (short ? <Tag color="red">缺 {required - institution.securityStaff} 人</Tag> : <Tag color="green">达标</Tag>)}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        取在岗医务人员的 3%、每 20 张床位 1 名、日均门诊量的 3‰ 中的最高者（本机构按“{STAFFING_RULES[decidedBy]}”）
      </Typography.Text>
    </Flex>
  );
}

export function InstitutionDescriptions({ institution }: { institution: InstitutionDetail }) {
  return (
    <Descriptions bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
      <Descriptions.Item label="机构名称">{institution.name}</Descriptions.Item>
      <Descriptions.Item label="统一社会信用代码">
        {institution.creditCode} {!institution.creditCodeChecksumOk && <Tag color="warning">校验位不符</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label="机构类型">
        {labelOf(INSTITUTION_TYPES, institution.type)}
        <Typography.Text type="secondary">（{groupOf(institution.type)}）</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="等级">{labelOf(INSTITUTION_GRADES, institution.grade)}</Descriptions.Item>
      <Descriptions.Item label="所有制">{labelOf(OWNERSHIPS, institution.ownership)}</Descriptions.Item>
      <Descriptions.Item label="是否省直">{yesNo(institution.provincialDirect)}</Descriptions.Item>
      <Descriptions.Item label="所在行政区划">{institution.jurisdictionTrail.map((j) => j.name).join(" / ")}</Descriptions.Item>
      <Descriptions.Item label="登记状态">{labelOf(INSTITUTION_STATUSES, institution.status)}</Descriptions.Item>
      <Descriptions.Item label="地址">{institution.address || "—"}</Descriptions.Item>
      <Descriptions.Item label="床位数">{institution.beds}</Descriptions.Item>
      <Descriptions.Item label="在岗医务人员数">{institution.onDutyMedicalStaff}</Descriptions.Item>
      <Descriptions.Item label="日均门诊量">{institution.dailyOutpatientVisits}</Descriptions.Item>
      <Descriptions.Item label="保安人数">{institution.securityStaff}</Descriptions.Item>
      <Descriptions.Item label="安保力量">
        <StaffingSummary institution={institution} />
      </Descriptions.Item>
      <Descriptions.Item label="联系人">{institution.contactPerson}</Descriptions.Item>
      <Descriptions.Item label="联系电话">{institution.contactPhone || "—"}</Descriptions.Item>
      <Descriptions.Item label="登记时间">{formatTime(institution.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="最后更新">{formatTime(institution.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** Banners about the record's state: deregistered or suspended, a doubtful credit code. */
export function InstitutionNotices({ institution }: { institution: InstitutionDetail }) {
  return (
    <>
      {institution.closure && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`该机构${labelOf(INSTITUTION_STATUSES, institution.closure.status)}（${institution.closure.date}）：${institution.closure.reason}`}
          description="已注销或停业的机构不出现在列表和统计中，记录和变更历史保留；恢复后才能修改。"
        />
      )}
      {!institution.creditCodeChecksumOk && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="统一社会信用代码的校验位与国家标准（GB 32100）计算结果不符，请与机构核对。部分早期试点代码确实如此，可保持原样。"
        />
      )}
    </>
  );
}

/** The tabs of an institution's page: its record, and what has changed in it. */
export function InstitutionTabs({
  institution,
  extraTabs = [],
}: {
  institution: InstitutionDetail;
  extraTabs?: { key: string; label: string; children: ReactNode }[];
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const tabs = [
    { key: "info", label: "基本信息", children: <InstitutionDescriptions institution={institution} /> },
    ...extraTabs,
    { key: "history", label: "变更记录", children: <InstitutionHistory id={institution.id} /> },
  ];
  const active = tabs.some((tab) => tab.key === searchParams.get("tab")) ? (searchParams.get("tab") as string) : "info";
  return (
    <Card>
      <Tabs activeKey={active} onChange={(tab) => setSearchParams(tab === "info" ? {} : { tab }, { replace: true })} items={tabs} />
    </Card>
  );
}

function LoadedInstitution({ id }: { id: string }) {
  const institution = useInstitution(id);
  return (
    <Loaded query={institution}>
      {(detail) => (
        <>
          <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/institutions">机构管理</Link> }, { title: detail.name }]} />
          <PageTitle
            title={detail.name}
            actions={
              <InstitutionActions institution={detail} may={{ edit: detail.actions.edit, register: detail.actions.deregister || detail.actions.restore }} />
            }
          />
          <InstitutionNotices institution={detail} />
          <InstitutionTabs institution={detail} />
        </>
      )}
    </Loaded>
  );
}

export function InstitutionDetailPage() {
  const { id = "" } = useParams();
  return isInstitutionId(id) ? <LoadedInstitution id={id} /> : <NotFoundResult />;
}
