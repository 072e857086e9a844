import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions, Flex, List, Spin, Tag, Typography } from "antd";
import { Link, useParams } from "react-router";
import { type InspectionDetail, inspectionRoutes } from "../../../contracts/inspections";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";
import { HAZARD_GRADES, HAZARD_STATES } from "../../../domain/hazard-lifecycle";
import { INSPECTION_KINDS, ITEM_RESULTS, RECHECK_RESULTS } from "../../../domain/inspections";
import { call } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { PageTitle } from "../../ui/PageTitle";
import { PhotoGallery } from "../../ui/PhotoGallery";
import { fileUrl } from "../../ui/photos";
import { LoadError } from "../../ui/results";

const RESULT_COLOURS: Record<string, string> = { compliant: "green", non_compliant: "red", not_applicable: "default" };

function Items({ detail }: { detail: InspectionDetail }) {
  return (
    <>
      {detail.sections.map((section) => (
        <Card
          key={section.key}
          size="small"
          title={section.score === null ? section.title : `${section.title}（${section.score} / ${section.maxScore} 分）`}
          style={{ marginBottom: 12 }}
        >
          <List
            dataSource={section.items}
            renderItem={(item) => (
              <List.Item>
                <Flex vertical gap={4} style={{ width: "100%" }}>
                  <Flex justify="space-between" gap={8} align="start">
                    <Typography.Text>{item.text}</Typography.Text>
                    {item.answerType === "score" ? (
                      <Tag>
                        {item.score} / {item.maxScore} 分
                      </Tag>
                    ) : (
                      item.result && <Tag color={RESULT_COLOURS[item.result]}>{labelOf(ITEM_RESULTS, item.result)}</Tag>
                    )}
                  </Flex>
                  {item.note && <Typography.Text type="secondary">{item.note}</Typography.Text>}
                  {item.noHazardReason && <Typography.Text type="secondary">未登记隐患：{item.noHazardReason}</Typography.Text>}
                  <PhotoGallery photos={item.photos} showPurpose={false} />
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </>
  );
}

/** 检查记录 of one inspection: who inspected whom, when and where, each item's finding with its photos, the hazards it recorded, re-checks and signatures. */
export function InspectionDetailPage() {
  const { id = "" } = useParams();
  const detail = useQuery({ queryKey: ["inspection", id], queryFn: () => call(inspectionRoutes.detail, { params: { id } }) });
  if (detail.isPending) return <Spin style={{ display: "block", marginTop: 64 }} />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;
  const d = detail.data;
  return (
    <>
      <PageTitle
        title={`检查记录：${d.institutionName}`}
        actions={
          <DownloadButton
            icon={<DownloadOutlined />}
            route={inspectionRoutes.pdf}
            input={{ params: { id } }}
            fileName={`现场检查记录-${d.institutionName}-${d.inspectedOn}.pdf`}
          >
            下载PDF
          </DownloadButton>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
          <Descriptions.Item label="检查类型">{INSPECTION_KINDS[d.kind]}</Descriptions.Item>
          <Descriptions.Item label="检查单位">{d.authorityName ?? "机构自查"}</Descriptions.Item>
          <Descriptions.Item label="检查工作">{[d.campaignName, d.groupName].filter(Boolean).join(" · ") || "—"}</Descriptions.Item>
          <Descriptions.Item label="检查日期">{d.inspectedOn}</Descriptions.Item>
          <Descriptions.Item label="检查地点">{d.place || "—"}</Descriptions.Item>
          <Descriptions.Item label="检查人员">{d.inspectors.map((one) => one.name).join("、")}</Descriptions.Item>
          <Descriptions.Item label="检查表">
            {d.checklistName}（第 {d.checklistVersion} 版）
          </Descriptions.Item>
          <Descriptions.Item label="结果">
            不符合 {d.nonCompliantCount} 项，隐患 {d.hazardCount} 项{d.score === null ? "" : `，得分 ${d.score} / ${d.maxScore}`}
          </Descriptions.Item>
          <Descriptions.Item label="提交">
            {d.submittedByName} {formatTime(d.submittedAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Items detail={d} />
      <Card size="small" title={`发现的隐患（${d.hazards.length}）`} style={{ marginBottom: 12 }}>
        <List
          dataSource={d.hazards}
          locale={{ emptyText: "未发现隐患" }}
          renderItem={(hazard) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Link to={`/hazards/${hazard.id}`}>{hazard.number}</Link>
                <Typography.Text>
                  【{hazardCategoryLabel(hazard.category)}·{labelOf(HAZARD_GRADES, hazard.grade)}】{hazard.description}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {hazard.place} · {labelOf(HAZARD_STATES, hazard.state)} · {hazard.deadline ? `整改时限 ${hazard.deadline}` : "立行立改"}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      {d.rechecks.length > 0 && (
        <Card size="small" title="回头看复查" style={{ marginBottom: 12 }}>
          <List
            dataSource={d.rechecks}
            renderItem={(recheck) => (
              <List.Item>
                <Flex vertical gap={4}>
                  <Link to={`/hazards/${recheck.hazardId}`}>
                    {recheck.hazardNumber} {recheck.description}
                  </Link>
                  <Typography.Text>
                    {labelOf(RECHECK_RESULTS, recheck.result)}
                    {recheck.note ? `：${recheck.note}` : ""}
                  </Typography.Text>
                  <PhotoGallery photos={recheck.photos} showPurpose={false} />
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title="检查意见与签字" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={1} styles={{ label: { whiteSpace: "nowrap" } }}>
          <Descriptions.Item label="检查意见">{d.remarks || "—"}</Descriptions.Item>
          <Descriptions.Item label="现场整改意见">{d.onSiteOpinions || "—"}</Descriptions.Item>
          <Descriptions.Item label="被检查单位负责人">
            {d.representativeName || "—"}
            {d.acknowledgedAt ? `（${formatTime(d.acknowledgedAt)} 签字）` : ""}
          </Descriptions.Item>
          {d.notices.length > 0 && <Descriptions.Item label="通知书">{d.notices.map((n) => n.number).join("、")}</Descriptions.Item>}
        </Descriptions>
        {d.signature && (
          <img src={fileUrl(d.signature.id)} alt="负责人签名" style={{ maxWidth: "100%", height: 96, border: "1px solid #f0f0f0", borderRadius: 6 }} />
        )}
      </Card>
    </>
  );
}
