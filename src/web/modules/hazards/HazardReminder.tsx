import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Flex } from "antd";
import { useNavigate } from "react-router";
import { hazardRoutes } from "../../../contracts/hazards";
import { call } from "../../app/api";
import { useHazardSide } from "./queries";

/** How many hazards of the caller's scope match a filter: one row asked for, the total read. */
function useHazardCount(filter: Record<string, string>) {
  return useQuery({
    queryKey: [hazardRoutes.list.path, "count", filter],
    queryFn: async () => (await call(hazardRoutes.list, { query: { ...filter, pageSize: 1 } })).total,
  });
}

/**
 * The home page's line about hazards waiting on the user's side: overdue and to rectify for an
 * institution, to verify and overdue for an authority; nothing when there is nothing to do.
 */
export function HazardReminder() {
  const navigate = useNavigate();
  const side = useHazardSide();
  const overdue = useHazardCount({ overdue: "true" });
  const waiting = useHazardCount(side === "institution" ? { state: "pending" } : { state: "awaiting_review" });
  const lateCount = overdue.data ?? 0;
  const waitingCount = waiting.data ?? 0;
  if (lateCount === 0 && waitingCount === 0) return null;
  const parts = [
    lateCount > 0 ? `${lateCount} 条隐患已逾期` : null,
    waitingCount > 0 ? (side === "institution" ? `${waitingCount} 条隐患待整改` : `${waitingCount} 条整改待复查`) : null,
  ].filter(Boolean);
  return (
    <Alert
      type={lateCount > 0 ? "warning" : "info"}
      showIcon
      style={{ marginBottom: 16 }}
      title={`${side === "institution" ? "本单位" : "辖区内"}有 ${parts.join("，")}`}
      action={
        <Flex gap={8} wrap>
          {side === "institution" ? (
            <Button size="small" type="primary" onClick={() => navigate("/my-hazards")}>
              去处理
            </Button>
          ) : (
            <>
              {waitingCount > 0 && (
                <Button size="small" type="primary" onClick={() => navigate("/hazards/review")}>
                  去复查
                </Button>
              )}
              {lateCount > 0 && (
                <Button size="small" onClick={() => navigate("/hazards?overdue=true")}>
                  查看逾期
                </Button>
              )}
            </>
          )}
        </Flex>
      }
    />
  );
}
