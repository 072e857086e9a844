import { sql } from "drizzle-orm";
import { defaultPrefixes } from "../../domain/document-numbers";
import { BUILT_IN_HAZARD_CATEGORIES, type BuiltInHazardCategory } from "../../domain/hazard-categories";
import type { JurisdictionDirectory } from "../modules/jurisdictions/directory";
import type { Db, Tx } from "../platform/db";

/**
 * Province-scale hazards for the bench: about `total` hazards found over the three years up to
 * `today`, with their events, written by a few set-based statements (generate_series and INSERT …
 * SELECT in PostgreSQL) rather than row by row from here, so two million take minutes, not hours.
 *
 * The mix, roughly as a province's ledger looks after three years:
 * - institutions get hazards in proportion to their size (1 + beds/10 + staff/20: a 三级 hospital
 *   hundreds, a village clinic one or none);
 * - categories weighted by how often inspections find them (消防 and 用电 most, 外包外租 least);
 * - 30 % handled on the spot (closed at once), the rest by a deadline of 7 to 60 days;
 * - about 1 % 重大 (with its 五落实 plan), always by a deadline;
 * - hazards still inside their deadline are mostly open; older ones are mostly closed, a few
 *   percent still pending or rectifying past their deadline (逾期), about 1 % awaiting review and
 *   1 % voided;
 * - each hazard numbered per recording authority (its county) and year in the order found, and
 *   document_serial left at the last number of each, so the next one recorded follows on;
 * - events: the record, and the submission, verification (closing), on-the-spot closing or
 *   voiding that brought it to its state.
 */

/** How often inspections find each kind, in relative weights. */
const CATEGORY_WEIGHTS: Record<BuiltInHazardCategory, number> = {
  fire: 26,
  electrical: 20,
  gas: 4,
  special_equipment: 6,
  medical_gas: 5,
  hazardous_chemicals: 5,
  lab_biosafety: 4,
  medical_quality: 8,
  security: 9,
  construction: 5,
  canteen_food: 4,
  outsourcing: 2,
  other: 2,
};

/** What inspectors write, by category: places and descriptions (消防, 电线 and 氧气 among them, as users search). */
const TEXTS: Record<BuiltInHazardCategory, { places: string[]; descriptions: string[] }> = {
  fire: {
    places: ["门诊楼一层大厅", "住院部三楼走廊", "地下车库", "消防控制室", "病房楼安全出口", "行政楼楼梯间"],
    descriptions: [
      "消防通道堆放杂物，影响疏散",
      "灭火器压力不足，未按期检查",
      "安全出口指示灯损坏",
      "消防栓被遮挡，无法正常使用",
      "常闭式防火门处于开启状态",
      "消防控制室值班人员无证上岗",
    ],
  },
  electrical: {
    places: ["配电间", "门诊楼二层护士站", "住院部开水间", "后勤库房", "食堂操作间", "放射科机房"],
    descriptions: [
      "电线私拉乱接，存在短路风险",
      "配电柜前堆放可燃物，柜门无法完全打开",
      "电线老化破损，绝缘层开裂",
      "插线板串接使用，超负荷用电",
      "配电箱未上锁，无警示标识",
      "充电区电动车违规充电",
    ],
  },
  gas: {
    places: ["食堂操作间", "锅炉房", "燃气表间"],
    descriptions: ["燃气管道未设置泄漏报警装置", "燃气软管老化超期使用", "燃气阀门锈蚀，关闭不严"],
  },
  special_equipment: {
    places: ["病房楼电梯", "锅炉房", "高压氧舱", "污水处理站"],
    descriptions: ["电梯年检合格证过期", "压力容器未按期检验", "特种设备操作人员无证上岗", "电梯应急电话不通"],
  },
  medical_gas: {
    places: ["中心供氧站", "氧气汇流排间", "病区氧气瓶存放点", "负压吸引机房"],
    descriptions: ["氧气瓶未固定，无防倾倒措施", "氧气汇流排间堆放油污杂物", "氧气管道压力表未检定", "氧气瓶与易燃物混放"],
  },
  hazardous_chemicals: {
    places: ["检验科试剂库", "病理科", "消毒供应中心", "药库"],
    descriptions: ["危险化学品未双人双锁管理", "化学试剂台账与实物不符", "易燃试剂存放未使用防爆柜"],
  },
  lab_biosafety: {
    places: ["检验科", "PCR实验室", "微生物实验室"],
    descriptions: ["生物安全柜未按期检测", "实验室废弃物未分类处置", "实验室人员未按规定穿戴防护用品"],
  },
  medical_quality: {
    places: ["手术室", "重症医学科", "药房", "产房"],
    descriptions: ["急救药品过期未及时更换", "手术安全核查记录不完整", "抢救设备未定期维护"],
  },
  security: {
    places: ["门诊大厅", "急诊科", "监控室", "医院大门"],
    descriptions: ["监控摄像头损坏，存在盲区", "一键报警装置未与公安联网", "保安人员配备不足", "防暴器械配备不全"],
  },
  construction: {
    places: ["老住院楼", "在建病房楼工地", "围墙", "屋顶"],
    descriptions: ["墙体出现裂缝，未进行安全鉴定", "施工现场未设置安全围挡", "屋面漏水，电线受潮"],
  },
  canteen_food: {
    places: ["职工食堂", "营养食堂", "食品库房"],
    descriptions: ["食品留样不足48小时", "从业人员健康证过期", "生熟食品未分开存放"],
  },
  outsourcing: {
    places: ["外包保洁物品间", "外租商铺", "外包餐饮区"],
    descriptions: ["外包单位未签订安全管理协议", "外租商铺私接电线", "外包人员未接受安全培训"],
  },
  other: {
    places: ["院区道路", "停车场", "宿舍楼"],
    descriptions: ["宿舍违规使用大功率电器", "道路照明损坏", "防汛物资储备不足"],
  },
};

const MAJOR_PLAN = {
  measures: "停用并更换隐患设施，整改期间专人值守",
  funds: "由医院专项资金列支",
  deadline: "限期内完成",
  responsiblePerson: "分管副院长",
  interimMeasures: "设置警示隔离区域，制定专项应急预案并组织演练",
};

/**
 * Runs `load` with the secondary indexes and foreign keys of `tables` set aside, then builds them
 * again: one index build (or one check of a key over the whole table) costs a fraction of keeping
 * it up row by row over millions of inserts. Primary and unique keys stay, so duplicates still fail.
 */
async function withIndexesBuiltAfter(tx: Tx, tables: string[], load: () => Promise<void>) {
  const list = sql.join(
    tables.map((t) => sql`${t}`),
    sql`, `,
  );
  const indexes = (
    await tx.execute(sql`
      select indexname as name, indexdef as definition from pg_indexes
      where schemaname = 'public' and tablename in (${list})
        and indexname not in (select conname from pg_constraint where contype in ('p', 'u'))`)
  ).rows as { name: string; definition: string }[];
  const keys = (
    await tx.execute(sql`
      select conrelid::regclass::text as "table", conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
      where contype = 'f' and conrelid::regclass::text in (${list})`)
  ).rows as { table: string; name: string; definition: string }[];
  for (const key of keys) await tx.execute(sql.raw(`alter table "${key.table}" drop constraint "${key.name}"`));
  for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name}"`));
  await load();
  await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
  for (const index of indexes) await tx.execute(sql.raw(index.definition));
  for (const key of keys) await tx.execute(sql.raw(`alter table "${key.table}" add constraint "${key.name}" ${key.definition}`));
}

export interface HazardGeneration {
  /** About how many hazards (each institution's share is rounded at random). */
  total: number;
  /** The last day hazards are found on (China calendar, YYYY-MM-DD). */
  today: string;
  /** The account recorded as having entered them. */
  recordedBy: string;
}

/** Writes the hazards and their events; answers how many hazards were written. */
export async function generateHazards(db: Db, directory: JurisdictionDirectory, options: HazardGeneration): Promise<number> {
  const categories = Object.keys(BUILT_IN_HAZARD_CATEGORIES) as BuiltInHazardCategory[];
  const weightTotal = categories.reduce((sum, c) => sum + CATEGORY_WEIGHTS[c], 0);
  let cumulative = 0;
  // random() below cumulative share → that category.
  const categoryCase = sql.raw(
    `case ${categories
      .map((category) => {
        cumulative += CATEGORY_WEIGHTS[category] / weightTotal;
        return `when r_category < ${cumulative.toFixed(6)} then '${category}'`;
      })
      .join(" ")} else 'other' end`,
  );
  const prefixes = directory.leavesUnder("410000").map((county) => ({ code: county.code, prefix: defaultPrefixes(county.name).hazard }));

  return db.transaction(async (tx) => {
    // The same data set on every run.
    await tx.execute(sql`select setseed(0.41)`);
    await tx.execute(sql`
      create temp table gen_prefix on commit drop as
      select code, prefix from jsonb_to_recordset(${JSON.stringify(prefixes)}::jsonb) as p(code text, prefix text)`);
    await tx.execute(sql`
      create temp table gen_institution on commit drop as
      select id, jurisdiction_path, jurisdiction_code,
        floor(${options.total}::float8 * weight / sum(weight) over () + random())::int as hazards
      from (select id, jurisdiction_path, jurisdiction_code, 1 + beds / 10.0 + on_duty_medical_staff / 20.0 as weight
            from institution where status = 'active') sized`);
    // One row per hazard with its own draws, then what they decide.
    await tx.execute(sql`
      create temp table gen_hazard on commit drop as
      with drawn as (
        select gen_random_uuid() as id, i.id as institution_id, i.jurisdiction_path, i.jurisdiction_code,
          random() as r_age, random() as r_category, random() as r_handling, random() as r_grade, random() as r_state,
          random() as r_text, random() as r_place, random() as r_days, random() as r_source, random() as r_person, random() as r_took
        from gen_institution i cross join lateral generate_series(1, i.hazards)
      ),
      decided as (
        select *, (${options.today}::date - floor(r_age * 1095)::int) as found_on, ${categoryCase} as category,
          case when r_grade < 0.01 then 'major' else 'general' end as grade,
          case when r_grade >= 0.01 and r_handling < 0.3 then 'on_the_spot' else 'by_deadline' end as handling
        from drawn
      ),
      dated as (
        select *, case when handling = 'by_deadline' then found_on + (array[7, 15, 30, 30, 60])[1 + floor(r_days * 5)::int] end as deadline
        from decided
      )
      select *,
        case
          when handling = 'on_the_spot' then case when r_state < 0.01 then 'voided' else 'closed' end
          when deadline >= ${options.today}::date then
            case when r_state < 0.35 then 'pending' when r_state < 0.7 then 'rectifying' when r_state < 0.85 then 'awaiting_review' else 'closed' end
          else
            case when r_state < 0.025 then 'pending' when r_state < 0.045 then 'rectifying' when r_state < 0.055 then 'awaiting_review'
                 when r_state < 0.065 then 'voided' else 'closed' end
        end as state,
        extract(year from found_on)::int as year,
        -- The day it was last acted on: within its deadline, never after today.
        least(${options.today}::date, found_on + floor(r_took * coalesce(deadline - found_on, 0))::int) as last_changed_on
      from dated`);
    await withIndexesBuiltAfter(tx, ["hazard", "hazard_event"], async () => {
      await tx.execute(sql`
      insert into hazard (id, number, authority_code, institution_id, jurisdiction_path, source, found_on, finders, place, category,
        description, basis, grade, handling, deadline, responsible_person, responsible_phone, major_plan, state, round, version,
        recorded_by, created_at, updated_at)
      select h.id,
        p.prefix || '隐患〔' || h.year || '〕' || lpad((row_number() over (partition by h.jurisdiction_code, h.year order by h.found_on, h.id))::text, 4, '0'),
        h.jurisdiction_code, h.institution_id, h.jurisdiction_path,
        case when h.r_source < 0.55 then 'inspection' when h.r_source < 0.85 then 'self_inspection' else 'direct' end,
        h.found_on, '检查组', t.places ->> floor(h.r_place * jsonb_array_length(t.places))::int, h.category,
        t.descriptions ->> floor(h.r_text * jsonb_array_length(t.descriptions))::int, '', h.grade, h.handling, h.deadline,
        (array['王', '李', '张', '刘', '陈', '杨', '赵', '黄'])[1 + floor(h.r_person * 8)::int] || (array['科长', '主任', '经理', '院长'])[1 + floor(h.r_took * 4)::int],
        '', case when h.grade = 'major' then ${JSON.stringify(MAJOR_PLAN)}::jsonb end, h.state,
        case when h.state in ('awaiting_review') or (h.state = 'closed' and h.handling = 'by_deadline') then 1 else 0 end,
        case when h.state = 'closed' and h.handling = 'by_deadline' then 3 when h.state in ('awaiting_review', 'voided') or h.state = 'closed' then 2 else 1 end,
        ${options.recordedBy}::uuid,
        (h.found_on + time '09:30') at time zone 'Asia/Shanghai',
        (h.last_changed_on + time '16:00') at time zone 'Asia/Shanghai'
      from gen_hazard h
      join gen_prefix p on p.code = h.jurisdiction_code
      join jsonb_each(${JSON.stringify(TEXTS)}::jsonb) as c(category, texts) on c.category = h.category
      cross join lateral (select c.texts -> 'places' as places, c.texts -> 'descriptions' as descriptions) t`);
      // The events that brought each hazard to its state, in the order they happened.
      await tx.execute(sql`
      insert into hazard_event (hazard_id, kind, round, actor_id, actor_name, at, reason, details)
      select e.hazard_id, e.kind, e.round, ${options.recordedBy}::uuid, e.actor_name, e.at, e.reason, e.details
      from (
        select h.id as hazard_id, 'record' as kind, 0 as round, '检查员' as actor_name, h.created_at as at, null as reason, '{}'::jsonb as details, 0 as step
        from hazard h join gen_hazard using (id)
        union all
        select h.id, 'submit', 1, '机构管理员', h.updated_at - interval '1 day', null, '{"actionsTaken": "已按要求完成整改"}'::jsonb, 1
        from hazard h join gen_hazard g using (id) where h.handling = 'by_deadline' and h.state in ('awaiting_review', 'closed')
        union all
        select h.id, 'verify', 1, '检查员', h.updated_at, null, '{"verifiers": "检查组", "opinion": "整改到位，同意销号"}'::jsonb, 2
        from hazard h join gen_hazard g using (id) where h.handling = 'by_deadline' and h.state = 'closed'
        union all
        select h.id, 'close_on_spot', 0, '检查员', h.updated_at, null, '{}'::jsonb, 2
        from hazard h join gen_hazard g using (id) where h.handling = 'on_the_spot' and h.state = 'closed'
        union all
        select h.id, 'void', h.round, '检查员', h.updated_at, '重复录入', '{}'::jsonb, 2
        from hazard h join gen_hazard g using (id) where h.state = 'voided'
      ) e
      order by e.at, e.step`);
    });
    await tx.execute(sql`
      insert into document_serial (authority_code, kind, year, last)
      select jurisdiction_code, 'hazard', year, count(*) from gen_hazard group by jurisdiction_code, year
      on conflict (authority_code, kind, year) do update set last = greatest(document_serial.last, excluded.last)`);
    const [row] = (await tx.execute(sql`select count(*)::int as n from gen_hazard`)).rows as { n: number }[];
    return row?.n ?? 0;
  });
}
