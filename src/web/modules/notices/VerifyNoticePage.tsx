import { useQuery } from "@tanstack/react-query";
import { Descriptions, Result, Skeleton } from "antd";
import { useParams } from "react-router";
import { noticeRoutes } from "../../../contracts/notices";
import { ApiError, call } from "../../app/api";
import { usePageTitle } from "../../ui/use-page-title";
import { AuthCard } from "../auth/AuthCard";

/**
 * The page a notice's QR code opens, without a login: whether the notice was issued by this system,
 * with its number, authority, date and addressee — nothing else about it.
 */
export function VerifyNoticePage() {
  usePageTitle("文书核验");
  const { code = "" } = useParams();
  const verification = useQuery({ queryKey: [noticeRoutes.verify.path, code], queryFn: () => call(noticeRoutes.verify, { params: { code } }) });
  return (
    <AuthCard title="文书真伪核验">
      {verification.isPending && <Skeleton active />}
      {verification.isError && (
        <Result
          status={verification.error instanceof ApiError && verification.error.status === 404 ? "warning" : "error"}
          title={verification.error instanceof ApiError && verification.error.status === 404 ? "未找到该文书" : "暂时无法核验"}
          subTitle={verification.error.message}
        />
      )}
      {verification.data && (
        <>
          <Result status="success" title="真实有效" subTitle="该文书由本系统出具" style={{ padding: "8px 0 16px" }} />
          <Descriptions column={1} bordered size="small" styles={{ label: { whiteSpace: "nowrap" } }}>
            <Descriptions.Item label="文书编号">{verification.data.number}</Descriptions.Item>
            <Descriptions.Item label="签发机关">{verification.data.authorityName}</Descriptions.Item>
            <Descriptions.Item label="签发日期">{verification.data.issuedOn}</Descriptions.Item>
            <Descriptions.Item label="被通知单位">{verification.data.institutionName}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </AuthCard>
  );
}
