import { ClearOutlined } from "@ant-design/icons";
import { Button, Col, Row } from "antd";
import { INSTITUTION_GRADES, INSTITUTION_TYPES, OWNERSHIPS } from "../../../contracts/enums";
import { optionsOf } from "../../ui/enum-options";
import { FilterSelect } from "../../ui/FilterSelect";
import { SearchBox } from "../../ui/SearchBox";
import { JurisdictionTreeSelect } from "../jurisdictions/JurisdictionTreeSelect";
import type { InstitutionFilterKey, InstitutionFilterValues } from "./queries";

const PROVINCIAL_DIRECT_OPTIONS = [
  { value: "true", label: "省直" },
  { value: "false", label: "非省直" },
];

const SELECTS: { key: InstitutionFilterKey; placeholder: string; options: { value: string; label: string }[] }[] = [
  { key: "type", placeholder: "机构类型", options: optionsOf(INSTITUTION_TYPES) },
  { key: "grade", placeholder: "等级", options: optionsOf(INSTITUTION_GRADES) },
  { key: "ownership", placeholder: "所有制", options: optionsOf(OWNERSHIPS) },
  { key: "provincialDirect", placeholder: "是否省直", options: PROVINCIAL_DIRECT_OPTIONS },
];

const cell = { xs: 12, lg: 8, xl: 3 };

export function InstitutionFilterBar({
  values,
  onChange,
  onClear,
}: {
  values: InstitutionFilterValues;
  onChange: (changes: InstitutionFilterValues) => void;
  /** Absent while no filter is set. */
  onClear?: () => void;
}) {
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={16} xl={6}>
        <SearchBox value={values.q} placeholder="机构名称或信用代码" label="搜索机构" onSearch={(q) => onChange({ q })} />
      </Col>
      <Col {...cell}>
        <JurisdictionTreeSelect
          placeholder="行政区划"
          aria-label="行政区划"
          value={values.jurisdictionCode}
          onChange={(jurisdictionCode) => onChange({ jurisdictionCode })}
          style={{ width: "100%" }}
        />
      </Col>
      {SELECTS.map(({ key, placeholder, options }) => (
        <Col key={key} {...cell}>
          <FilterSelect placeholder={placeholder} options={options} value={values[key]} onChange={(value) => onChange({ [key]: value })} />
        </Col>
      ))}
      <Col {...cell}>
        <Button icon={<ClearOutlined />} disabled={!onClear} onClick={onClear}>
          重置
        </Button>
      </Col>
    </Row>
  );
}
