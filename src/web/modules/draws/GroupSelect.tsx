import { useQuery } from "@tanstack/react-query";
import { Select, type SelectProps } from "antd";
import { groupRoutes } from "../../../contracts/draws";
import { call } from "../../app/api";

/** Picks one working group of a campaign; without a campaign there is nothing to pick from. */
export function GroupSelect({ campaignId, ...props }: Omit<SelectProps<string>, "options"> & { campaignId: string | undefined }) {
  const groups = useQuery({
    queryKey: [groupRoutes.list.path, campaignId],
    queryFn: () => call(groupRoutes.list, { params: { id: campaignId ?? "" } }),
    enabled: campaignId !== undefined,
  });
  return (
    <Select
      allowClear
      disabled={!campaignId}
      loading={groups.isFetching}
      placeholder={campaignId ? "全部" : "请先选择检查工作"}
      notFoundContent={groups.isError ? groups.error.message : "本检查工作尚无工作组"}
      options={(groups.data?.groups ?? []).map((group) => ({ value: group.id, label: group.name }))}
      {...props}
    />
  );
}
