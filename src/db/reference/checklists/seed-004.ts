import { check, cite, type ShippedChecklist, scored } from "./build";

/** 托育机构消防安全: what the 三门峡 inspection group checked in childcare institutions (seed 004). */
export const CHILDCARE_FIRE: ShippedChecklist = {
  shippedKey: "childcare_fire",
  name: "托育机构消防安全",
  content: {
    sections: [
      {
        key: "escape",
        title: "安全出口与疏散",
        items: [
          check("exits", "各楼层及周边区域安全出口畅通", cite("s004childcare", "", "托育机构内部各楼层及周边区域安全出口是否畅通"), "fire", {
            gradeHint: "major",
            photoRequired: true,
          }),
          check("routes", "疏散通道、安全出口保持畅通", cite("s004childcare", "", "疏散通道、安全出口是否保持畅通"), "fire"),
          check("signs_extinguishers", "疏散指示标志和灭火器材完好有效", cite("s004childcare", "", "疏散指示标志和灭火器材是否完好有效"), "fire", {
            photoRequired: true,
          }),
        ],
      },
      {
        key: "management",
        title: "消防安全管理",
        items: [
          check("responsibility", "消防安全责任制落实", cite("s004childcare", "", "消防安全责任制是否落实"), "fire"),
          check("plan_posted", "消防应急疏散制度上墙", cite("s004childcare", "", "消防应急疏散制度是否上墙"), "fire", { photoRequired: true }),
          check("routine_patrols", "开展常态化安全生产和消防检查、巡查", cite("s004childcare", "", "开展好常态化安全生产和消防检查、巡查"), "fire"),
        ],
      },
      {
        key: "premises",
        title: "场所与用电",
        items: [
          check("wiring", "幼儿活动区及休息区无私拉乱接电线", cite("s004childcare", "", "幼儿活动区及休息区是否私拉乱接电线"), "electrical", {
            gradeHint: "major",
            photoRequired: true,
          }),
          check("decoration", "装修材料符合要求", cite("s004childcare", "", "装修材料是否符合要求"), "fire"),
        ],
      },
      {
        key: "staff",
        title: "教职工",
        items: [
          check("duties", "教职工明确岗位职责", cite("s004childcare", "", "教职工是否明确岗位职责"), "fire"),
          check("extinguisher_use", "教职工熟悉灭火器材设施使用方法", cite("s004childcare", "", "是否熟悉灭火器材设施使用方法"), "fire"),
        ],
      },
    ],
  },
};

/** 公共场所卫生监督: what the 鼓楼区 health supervisors check in public places (seed 004). */
export const PUBLIC_PLACE_HYGIENE: ShippedChecklist = {
  shippedKey: "public_place_hygiene",
  name: "公共场所卫生监督",
  content: {
    sections: [
      {
        key: "documents",
        title: "证照与报告",
        items: [
          check("licence", "卫生许可证合法有效", cite("s004hygiene", "", "针对公共场所重点检查卫生许可证"), "other", { photoRequired: true }),
          check("test_report", "有最新年度卫生检测报告", cite("s004hygiene", "", "最新年度卫生检测报告"), "other"),
          check("health_certificates", "从业人员持有健康合格证明", cite("s004hygiene", "", "从业人员健康合格证明"), "other"),
        ],
      },
      {
        key: "management",
        title: "卫生管理与设施",
        items: [
          check("hygiene_management", "卫生管理制度健全并落实", cite("s004hygiene", "", "卫生管理"), "other"),
          check(
            "facilities",
            "卫生设施齐备并正常运转，消毒设施能正常使用、无杂物堆放",
            cite("s004hygiene", "", "卫生设施及运转……部分单位存在消毒设施不能正常使用、摆放有杂物"),
            "other",
            { photoRequired: true },
          ),
          check("public_articles", "公共用品按要求清洗、消毒、保洁", cite("s004hygiene", "", "公共用品的清洗、消毒、保洁"), "other"),
          check("single_use", "不重复使用一次性用品用具", cite("s004hygiene", "", "禁止重复使用一次性用品用具"), "other"),
          check("information_posted", "按要求公示相关信息", cite("s004hygiene", "", "未按照要求公示相关信息等问题"), "other"),
        ],
      },
    ],
  },
};

/** 医疗机构执业资格: the 鼓楼区 supervisors' check that medical institutions practise lawfully (seed 004). */
export const MEDICAL_PRACTICE: ShippedChecklist = {
  shippedKey: "medical_practice",
  name: "医疗机构执业资格",
  content: {
    sections: [
      {
        key: "qualification",
        title: "执业资格",
        items: [
          check("practice_licence", "医疗机构执业许可证合法有效", cite("s004hygiene", "", "全面检查辖区内各医疗机构执业资格是否合法有效"), "medical_quality", {
            gradeHint: "major",
            photoRequired: true,
          }),
          check(
            "certificates",
            "执业资格等相关证件齐全、在有效期内",
            cite("s004hygiene", "", "现场对各医疗机构的执业资格等相关证件进行检查"),
            "medical_quality",
          ),
          check(
            "no_illegal_practice",
            "无非法执业行为（超范围执业、使用非卫生技术人员等）",
            cite("s004hygiene", "", "坚决杜绝非法执业案件的发生"),
            "medical_quality",
            { gradeHint: "major" },
          ),
          check("problems_recorded", "以往检查发现的问题已登记备案并整改", cite("s004hygiene", "", "对存在的问题进行登记备案"), "medical_quality"),
        ],
      },
    ],
  },
};

/**
 * 健康促进医院评审: the 濮阳 review's groups (seed 004: 组织管理, 环境建设, 门诊和病区健康促进,
 * 职工健康促进), scored out of 100; the points per item are ours, the groups are the seed's.
 */
export const HEALTH_PROMOTION_REVIEW: ShippedChecklist = {
  shippedKey: "health_promotion_review",
  name: "健康促进医院评审",
  content: {
    sections: [
      {
        key: "organisation",
        title: "组织管理",
        items: [
          scored("leadership", "成立健康促进工作领导小组，职责分工明确", cite("s004promotion", "", "分组查看组织管理"), "other", 10),
          scored("plan", "健康促进工作纳入医院发展规划，有年度计划和总结", cite("s004promotion", "", "听取医院关于健康促进工作开展情况的汇报"), "other", 8),
          scored(
            "self_review",
            "对照评审细则开展自评，整改评审组提出的不足",
            cite("s004promotion", "", "结合评审细则……并对工作中的不足提出优化建议"),
            "other",
            7,
          ),
        ],
      },
      {
        key: "environment",
        title: "环境建设",
        items: [
          scored("smoke_free", "无烟医院环境：禁烟标识醒目，室内无吸烟", cite("s004promotion", "", "分组查看……环境建设"), "other", 10),
          scored(
            "education_spaces",
            "设置健康教育宣传栏、资料架等宣传阵地并定期更新",
            cite("s004promotion", "", "营造浓厚的健康教育和健康促进氛围"),
            "other",
            8,
          ),
          scored(
            "patient_centred",
            "就医环境体现以患者为中心、以健康为导向",
            cite("s004promotion", "", "持续完善以患者为中心，以预防为主，以健康为导向的医疗服务模式"),
            "other",
            7,
          ),
        ],
      },
      {
        key: "outpatient_wards",
        title: "门诊和病区健康促进",
        items: [
          scored("outpatient", "门诊开展健康教育与咨询", cite("s004promotion", "", "分组查看……门诊和病区健康促进"), "other", 10),
          scored("wards", "病区对住院患者开展个体化健康教育", cite("s004promotion", "", "分组查看……门诊和病区健康促进"), "other", 10),
          scored(
            "community",
            "健康教育覆盖患者、职工、乡镇社区居民",
            cite("s004promotion", "", "推动医疗机构积极开展覆盖患者、职工、乡镇社区居民的健康教育工作"),
            "other",
            10,
          ),
        ],
      },
      {
        key: "staff",
        title: "职工健康促进",
        items: [
          scored("staff_health", "组织职工健康体检，开展职工健康管理", cite("s004promotion", "", "分组查看……职工健康促进"), "other", 10),
          scored("staff_literacy", "开展职工健康素养和健康教育技能培训", cite("s004promotion", "", "提升群众健康素养水平"), "other", 10),
        ],
      },
    ],
  },
};
