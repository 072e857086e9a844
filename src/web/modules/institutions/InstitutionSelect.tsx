import { useQuery } from "@tanstack/react-query";
import { Select, type SelectProps } from "antd";
import { useState } from "react";
import { institutionRoutes } from "../../../contracts/institutions";
import { call } from "../../app/api";
import { useDebouncedValue } from "../../ui/use-debounced-value";
import { usePageQuery } from "../../ui/use-list-params";

const OPTION_COUNT = 20;

interface Option {
  value: string;
  label: string;
}

const optionOf = (item: { id: string; name: string; jurisdictionName: string }): Option => ({
  value: item.id,
  label: `${item.name}（${item.jurisdictionName}）`,
});

/** Picks one institution of the caller's scope, searched on the server by name or credit code as the user types. */
export function InstitutionSelect({ onChange, ...props }: Omit<SelectProps<string, Option>, "options" | "showSearch" | "filterOption">) {
  const [search, setSearch] = useState("");
  // Kept so the chosen name still shows after a later search no longer lists it.
  const [chosen, setChosen] = useState<Option>();
  const q = useDebouncedValue(search.trim());
  const institutions = usePageQuery(institutionRoutes.list, { q, pageSize: OPTION_COUNT });
  const found = (institutions.data?.items ?? []).map(optionOf);
  // A value the page brought (a list filter in the URL) is named by reading its institution.
  const given =
    typeof props.value === "string" && props.value !== chosen?.value && !found.some((option) => option.value === props.value) ? props.value : undefined;
  const givenInstitution = useQuery({
    queryKey: [institutionRoutes.detail.path, given],
    queryFn: () => call(institutionRoutes.detail, { params: { id: given ?? "" } }),
    enabled: given !== undefined,
  });
  const shown = chosen && chosen.value === props.value ? chosen : givenInstitution.data && optionOf(givenInstitution.data);
  const options = shown && !found.some((option) => option.value === shown.value) ? [shown, ...found] : found;
  return (
    <Select<string, Option>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={institutions.isFetching}
      notFoundContent={institutions.isError ? institutions.error.message : "无匹配的机构，请输入名称搜索"}
      placeholder="输入机构名称搜索"
      onChange={(value, option) => {
        setChosen(Array.isArray(option) ? undefined : option);
        onChange?.(value, option);
      }}
      {...props}
    />
  );
}
