import { Button, DatePicker, Flex, Input, Radio, Select, Typography } from "antd";
import dayjs from "dayjs";
import type { HazardCategoryItem } from "../../../contracts/settings";
import { HAZARD_GRADES, HAZARD_HANDLINGS, MAJOR_PLAN_FIELDS, type MajorHazardPlan } from "../../../domain/hazard-lifecycle";
import { optionsOf } from "../../ui/enum-options";
import { type DraftPhotos, PhotoField } from "./DraftPhotos";
import type { DraftHazard } from "./drafts";
import { Field } from "./Field";

const EMPTY_PLAN: MajorHazardPlan = { measures: "", funds: "", deadline: "", responsiblePerson: "", interimMeasures: "" };

/**
 * One hazard found on site, as the inspector edits it: prefilled from the item it records
 * (category, basis, grade hint, the note as its description), everything editable; a major
 * hazard asks for its "五落实" plan, as the ledger does.
 */
export function HazardEditor({
  hazard,
  categories,
  photos,
  onChange,
  onRemove,
}: {
  hazard: DraftHazard;
  categories: HazardCategoryItem[];
  photos: DraftPhotos;
  onChange: (hazard: DraftHazard) => void;
  onRemove?: () => void;
}) {
  const set = (changes: Partial<DraftHazard>) => onChange({ ...hazard, ...changes });
  const plan = hazard.majorPlan ?? EMPTY_PLAN;
  return (
    <Flex vertical gap={8} style={{ background: "#fff7e6", border: "1px solid #ffd591", borderRadius: 8, padding: 12 }} role="group" aria-label="隐患">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>隐患</Typography.Text>
        {onRemove && (
          <Button size="small" danger onClick={onRemove}>
            删除
          </Button>
        )}
      </Flex>
      <Field small label="隐患描述">
        <Input.TextArea autoSize value={hazard.description} maxLength={2000} onChange={(e) => set({ description: e.target.value })} />
      </Field>
      <Field small label="隐患部位">
        <Input value={hazard.place} maxLength={200} placeholder="如：门诊楼一层配电间" onChange={(e) => set({ place: e.target.value })} />
      </Field>
      <Field small label="隐患类别">
        <Select
          style={{ width: "100%" }}
          value={hazard.category}
          options={categories.map((c) => ({ value: c.value, label: c.label }))}
          onChange={(category) => set({ category })}
        />
      </Field>
      <Field small label="隐患等级">
        <Radio.Group optionType="button" value={hazard.grade} options={optionsOf(HAZARD_GRADES)} onChange={(e) => set({ grade: e.target.value })} />
      </Field>
      <Field small label="处理方式">
        <Radio.Group optionType="button" value={hazard.handling} options={optionsOf(HAZARD_HANDLINGS)} onChange={(e) => set({ handling: e.target.value })} />
      </Field>
      {hazard.handling === "by_deadline" && (
        <Field small label="整改时限">
          <DatePicker
            style={{ width: "100%" }}
            inputReadOnly
            value={hazard.deadline ? dayjs(hazard.deadline) : null}
            onChange={(day) => set({ deadline: day ? day.format("YYYY-MM-DD") : null })}
          />
        </Field>
      )}
      <Field small label="整改责任人">
        <Input value={hazard.responsiblePerson} maxLength={100} onChange={(e) => set({ responsiblePerson: e.target.value })} />
      </Field>
      <Field small label="判定依据">
        <Input.TextArea autoSize value={hazard.basis} maxLength={500} onChange={(e) => set({ basis: e.target.value })} />
      </Field>
      {hazard.grade === "major" && (
        <Flex vertical gap={8}>
          <Typography.Text type="warning">重大隐患须填写“五落实”整改方案</Typography.Text>
          {(Object.keys(MAJOR_PLAN_FIELDS) as (keyof MajorHazardPlan)[]).map((key) => (
            <Field key={key} label={MAJOR_PLAN_FIELDS[key]}>
              <Input.TextArea autoSize value={plan[key]} onChange={(e) => set({ majorPlan: { ...plan, [key]: e.target.value } })} />
            </Field>
          ))}
        </Flex>
      )}
      <PhotoField ids={hazard.photoIds} photos={photos} onChange={(photoIds) => set({ photoIds })} label="隐患拍照" />
    </Flex>
  );
}
