import { Alert, Button, Card, Col, Descriptions, Flex, Row, Statistic } from "antd";
import { useNavigate } from "react-router";
import { INSTITUTION_GRADES, INSTITUTION_TYPES } from "../../../contracts/enums";
import type { InstitutionDetail } from "../../../contracts/institutions";
import { useCan } from "../../app/session";
import { labelOf } from "../../ui/enum-options";
import { Loaded } from "../../ui/results";
import { InstitutionNotices, StaffingSummary } from "../institutions/InstitutionDetailPage";
import { useInstitution } from "../institutions/queries";

/** What the record still lacks that the authority and the rules rely on. */
function missingFacts(institution: InstitutionDetail): string[] {
  return [
    institution.address ? null : "地址",
    institution.contactPhone ? null : "联系电话",
    institution.onDutyMedicalStaff > 0 ? null : "在岗医务人员数",
  ].filter((fact): fact is string => fact !== null);
}

/** The home of an institution's own users: their institution at a glance, what it lacks, where to go next. */
export function InstitutionHome({ id }: { id: string }) {
  const navigate = useNavigate();
  const can = useCan();
  const institution = useInstitution(id);
  return (
    <Loaded query={institution}>
      {(detail) => {
        const missing = missingFacts(detail);
        return (
          <>
            <InstitutionNotices institution={detail} />
            {missing.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={`本单位资料缺少：${missing.join("、")}`}
                action={
                  detail.actions.edit && (
                    <Button size="small" onClick={() => navigate(`/institutions/${detail.id}/edit`)}>
                      去补充
                    </Button>
                  )
                }
              />
            )}
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {(
                [
                  ["床位数", detail.beds, "张"],
                  ["在岗医务人员", detail.onDutyMedicalStaff, "人"],
                  ["日均门诊量", detail.dailyOutpatientVisits, "人次"],
                  ["保安人数", detail.securityStaff, "人"],
                ] as const
              ).map(([title, value, suffix]) => (
                <Col key={title} xs={12} xl={6}>
                  <Card>
                    <Statistic title={title} value={value} suffix={suffix} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Card
              title={detail.name}
              extra={
                <Flex gap={8} wrap>
                  <Button onClick={() => navigate("/my-institution")}>本单位信息</Button>
                  {can("user:manage") && <Button onClick={() => navigate("/my-institution?tab=accounts")}>账户管理</Button>}
                </Flex>
              }
            >
              <Descriptions column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="机构类型">{labelOf(INSTITUTION_TYPES, detail.type)}</Descriptions.Item>
                <Descriptions.Item label="等级">{labelOf(INSTITUTION_GRADES, detail.grade)}</Descriptions.Item>
                <Descriptions.Item label="所在行政区划">{detail.jurisdictionTrail.map((j) => j.name).join(" / ")}</Descriptions.Item>
                <Descriptions.Item label="联系人">{detail.contactPerson}</Descriptions.Item>
                <Descriptions.Item label="安保力量">
                  <StaffingSummary institution={detail} />
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </>
        );
      }}
    </Loaded>
  );
}
