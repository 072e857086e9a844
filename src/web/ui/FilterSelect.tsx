import { Select } from "antd";

/** One filter of a list page: clearing it shows everything again. */
export function FilterSelect({
  placeholder,
  options,
  value,
  onChange,
  searchable = false,
}: {
  placeholder: string;
  options: { value: string; label: string }[];
  value?: string;
  onChange: (value?: string) => void;
  searchable?: boolean;
}) {
  return (
    <Select
      placeholder={placeholder}
      aria-label={placeholder}
      allowClear
      showSearch={searchable ? { optionFilterProp: "label" } : false}
      options={options}
      value={value}
      onChange={onChange}
      style={{ width: "100%" }}
    />
  );
}
