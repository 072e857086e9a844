import { useQuery } from "@tanstack/react-query";
import { Descriptions, List, Result, Skeleton, Tag, Typography } from "antd";
import { useParams } from "react-router";
import { drawRoutes } from "../../../contracts/draws";
import { ApiError, call } from "../../app/api";
import { usePageTitle } from "../../ui/use-page-title";
import { AuthCard } from "../auth/AuthCard";

/**
 * 一公开: the published result of a random draw, without a login, found by its unguessable address only.
 * It shows the campaign, its authority, the drawn institutions and each one's outcome once recorded —
 * nothing about the inspectors.
 */
export function PublicDrawPage() {
  usePageTitle("抽查结果公示");
  const { code = "" } = useParams();
  const shown = useQuery({ queryKey: [drawRoutes.public.path, code], queryFn: () => call(drawRoutes.public, { params: { code } }), retry: false });
  return (
    <AuthCard title="双随机抽查结果公示">
      {shown.isPending && <Skeleton active />}
      {shown.isError && (
        <Result
          status={shown.error instanceof ApiError && shown.error.status === 404 ? "warning" : "error"}
          title={shown.error instanceof ApiError && shown.error.status === 404 ? "未找到该公示" : "暂时无法打开"}
          subTitle={shown.error.message}
        />
      )}
      {shown.data && (
        <>
          <Descriptions column={1} bordered size="small" styles={{ label: { whiteSpace: "nowrap" } }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="检查工作">{shown.data.campaignName}</Descriptions.Item>
            <Descriptions.Item label="组织部门">{shown.data.authorityName}</Descriptions.Item>
            <Descriptions.Item label="抽中机构">{`${shown.data.institutions.length} 家`}</Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            bordered
            dataSource={shown.data.institutions}
            locale={{ emptyText: "暂无可公示的机构" }}
            renderItem={(one, index) => (
              <List.Item
                extra={
                  one.inspected ? (
                    <Tag color={one.hazardCount ? "orange" : "green"}>{one.hazardCount === null ? "已检查" : `已检查，发现隐患 ${one.hazardCount} 项`}</Tag>
                  ) : (
                    <Tag>未检查</Tag>
                  )
                }
              >
                <Typography.Text style={{ overflowWrap: "anywhere" }}>{`${index + 1}. ${one.name}`}</Typography.Text>
              </List.Item>
            )}
          />
        </>
      )}
    </AuthCard>
  );
}
