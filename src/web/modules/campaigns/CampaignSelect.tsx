import { useQuery } from "@tanstack/react-query";
import { Select, type SelectProps } from "antd";
import { useState } from "react";
import { campaignRoutes } from "../../../contracts/campaigns";
import { call } from "../../app/api";
import { useDebouncedValue } from "../../ui/use-debounced-value";
import { usePageQuery } from "../../ui/use-list-params";

const OPTION_COUNT = 20;

interface Option {
  value: string;
  label: string;
}

const optionOf = (campaign: { id: string; name: string; periodStart: string; periodEnd: string }): Option => ({
  value: campaign.id,
  label: `${campaign.name}（${campaign.periodStart} 至 ${campaign.periodEnd}）`,
});

/**
 * Picks one campaign the caller can see (its authority's and those below), searched on the server by
 * name as the user types, the latest first. A value the page brought (a list filter in the URL) is
 * named by reading its campaign.
 */
export function CampaignSelect(props: Omit<SelectProps<string, Option>, "options" | "showSearch" | "filterOption">) {
  const [search, setSearch] = useState("");
  const name = useDebouncedValue(search.trim());
  const campaigns = usePageQuery(campaignRoutes.list, { name: name || undefined, pageSize: OPTION_COUNT, sort: "periodStart", order: "desc" });
  const found = (campaigns.data?.items ?? []).map(optionOf);
  const given = typeof props.value === "string" && !found.some((option) => option.value === props.value) ? props.value : undefined;
  const givenCampaign = useQuery({
    queryKey: [campaignRoutes.detail.path, given],
    queryFn: () => call(campaignRoutes.detail, { params: { id: given ?? "" } }),
    enabled: given !== undefined,
  });
  const options = [...(given && givenCampaign.data ? [optionOf(givenCampaign.data)] : []), ...found];
  return (
    <Select<string, Option>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={campaigns.isFetching}
      notFoundContent={campaigns.isError ? campaigns.error.message : "无匹配的检查工作，请输入名称搜索"}
      placeholder="输入检查工作名称搜索"
      {...props}
    />
  );
}
