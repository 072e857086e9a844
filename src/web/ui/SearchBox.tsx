import { Input } from "antd";

/**
 * Search field of a list page. It searches on Enter or the button rather than per keystroke,
 * so a Chinese input method's composition does not fire half-typed queries.
 */
export function SearchBox({ value, placeholder, label, onSearch }: { value?: string; placeholder: string; label: string; onSearch: (q: string) => void }) {
  return (
    <Input.Search
      // Keyed by the URL's value, so back/forward and 重置 show what is being searched.
      key={value ?? ""}
      defaultValue={value}
      placeholder={placeholder}
      aria-label={label}
      allowClear
      enterButton="搜索"
      onSearch={(q) => onSearch(q.trim())}
    />
  );
}
