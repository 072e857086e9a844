import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Select, type SelectProps } from "antd";
import { useState } from "react";
import { campaignRoutes } from "../../../contracts/campaigns";
import { institutionRoutes } from "../../../contracts/institutions";
import { call } from "../../app/api";
import { useDebouncedValue } from "../../ui/use-debounced-value";

const OPTION_COUNT = 20;

interface Option {
  value: string;
  label: string;
}

const optionOf = (item: { id: string; name: string; jurisdictionName: string }): Option => ({
  value: item.id,
  label: `${item.name}（${item.jurisdictionName}）`,
});

/**
 * Picks one institution of the caller's scope (or several, with mode="multiple"), searched on the server
 * by name or credit code as the user types. `known` names values the page already has (an edited
 * record's institutions), so they show by name before any search. With `campaignId` it offers only
 * that campaign's institutions (its assignments), for a choice within the campaign.
 */
export function InstitutionSelect({
  onChange,
  known = [],
  campaignId,
  ...props
}: Omit<SelectProps<string | string[], Option>, "options" | "showSearch" | "filterOption"> & {
  known?: { id: string; name: string }[];
  campaignId?: string;
}) {
  const [search, setSearch] = useState("");
  // Kept so the chosen names still show after a later search no longer lists them.
  const [chosen, setChosen] = useState<Option[]>(() => known.map((one) => ({ value: one.id, label: one.name })));
  const q = useDebouncedValue(search.trim());
  const institutions = useQuery({
    queryKey: ["institution-options", campaignId, q],
    queryFn: async () =>
      campaignId
        ? (await call(campaignRoutes.assignments, { params: { id: campaignId }, query: { q, pageSize: OPTION_COUNT } })).items.map((one) =>
            optionOf({ id: one.id, name: one.institutionName, jurisdictionName: one.jurisdictionName }),
          )
        : (await call(institutionRoutes.list, { query: { q, pageSize: OPTION_COUNT } })).items.map(optionOf),
    placeholderData: keepPreviousData,
  });
  const found = institutions.data ?? [];
  const selected = Array.isArray(props.value) ? props.value : typeof props.value === "string" ? [props.value] : [];
  // A single value the page brought (a list filter in the URL) is named by reading its institution.
  const given =
    typeof props.value === "string" && !chosen.some((option) => option.value === props.value) && !found.some((option) => option.value === props.value)
      ? props.value
      : undefined;
  const givenInstitution = useQuery({
    queryKey: [institutionRoutes.detail.path, given],
    queryFn: () => call(institutionRoutes.detail, { params: { id: given ?? "" } }),
    enabled: given !== undefined,
  });
  const shown = [...chosen.filter((option) => selected.includes(option.value)), ...(givenInstitution.data ? [optionOf(givenInstitution.data)] : [])];
  const options = [...shown.filter((option) => !found.some((one) => one.value === option.value)), ...found];
  return (
    <Select<string | string[], Option>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={institutions.isFetching}
      notFoundContent={institutions.isError ? institutions.error.message : "无匹配的机构，请输入名称搜索"}
      placeholder="输入机构名称搜索"
      onChange={(value, option) => {
        const picked = (Array.isArray(option) ? option : option ? [option] : []).filter((one): one is Option => Boolean(one?.value));
        setChosen((before) => [...before.filter((one) => !picked.some((p) => p.value === one.value)), ...picked]);
        onChange?.(value, option);
      }}
      {...props}
    />
  );
}
