import { CameraOutlined } from "@ant-design/icons";
import { Card, Flex, List, Tag, Typography } from "antd";
import type { ChecklistContent, ChecklistSummary } from "../../../contracts/checklists";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";

/** 检查表 or 评分表 with its maximum. */
export function ChecklistKindTag({ checklist }: { checklist: Pick<ChecklistSummary, "scored" | "maxScore"> }) {
  return checklist.scored ? <Tag color="purple">评分表 · 满分 {checklist.maxScore}</Tag> : <Tag color="blue">检查表</Tag>;
}

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 一、二、… for a section's heading, as printed checklists number them. */
const sectionNumber = (index: number) => (index < CHINESE_NUMBERS.length ? `${CHINESE_NUMBERS[index]}、` : `${index + 1}. `);

/** A version's sections and items as an inspector will meet them: text, basis, category, grade hint, photo, score. */
export function ChecklistContentView({ content }: { content: ChecklistContent }) {
  let itemNumber = 0;
  return (
    <Flex vertical gap={16}>
      {content.sections.map((section, s) => {
        const sectionScore = section.items.reduce((sum, item) => sum + (item.maxScore ?? 0), 0);
        return (
          <Card
            key={section.key}
            size="small"
            title={
              <span style={{ whiteSpace: "normal" }}>
                {sectionNumber(s)}
                {section.title}
              </span>
            }
            extra={
              <Typography.Text type="secondary">
                {sectionScore > 0 ? `${section.items.length} 项 · ${sectionScore} 分` : `${section.items.length} 项`}
              </Typography.Text>
            }
          >
            <List
              dataSource={section.items}
              rowKey="key"
              renderItem={(item) => {
                itemNumber += 1;
                return (
                  <List.Item>
                    <Flex vertical gap={4} style={{ width: "100%", minWidth: 0 }}>
                      <Typography.Text strong style={{ overflowWrap: "anywhere" }}>
                        {itemNumber}. {item.text}
                      </Typography.Text>
                      {item.basis && (
                        <Typography.Text type="secondary" style={{ overflowWrap: "anywhere" }}>
                          依据：{item.basis}
                        </Typography.Text>
                      )}
                      <Flex wrap gap={4}>
                        <Tag>{hazardCategoryLabel(item.category)}</Tag>
                        {item.gradeHint === "major" && <Tag color="red">提示：重大隐患</Tag>}
                        {item.answerType === "score" && <Tag color="purple">{item.maxScore} 分</Tag>}
                        {item.photoRequired && (
                          <Tag icon={<CameraOutlined />} color="orange">
                            须拍照
                          </Tag>
                        )}
                      </Flex>
                    </Flex>
                  </List.Item>
                );
              }}
            />
          </Card>
        );
      })}
    </Flex>
  );
}
