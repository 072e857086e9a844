import { Input } from "antd";
import { useState } from "react";
import { useLocation } from "react-router";

/**
 * Search field of a list page. It searches on Enter or the button rather than per keystroke,
 * so a Chinese input method's composition does not fire half-typed queries.
 */
export function SearchBox({ value, placeholder, label, onSearch }: { value?: string; placeholder: string; label: string; onSearch: (q: string) => void }) {
  // Whenever the URL changes (another filter, back/forward, 重置), the field shows what is being
  // searched again, dropping text typed but never searched. Reset while rendering, not by
  // remounting, so the field keeps its focus after a search.
  const { key } = useLocation();
  const [text, setText] = useState({ key, value: value ?? "" });
  if (text.key !== key) setText({ key, value: value ?? "" });
  return (
    <Input.Search
      value={text.value}
      onChange={(event) => setText({ key, value: event.target.value })}
      placeholder={placeholder}
      aria-label={label}
      allowClear
      enterButton="搜索"
      onSearch={(q) => onSearch(q.trim())}
    />
  );
}
