import { check, cite, type ShippedChecklist } from "./build";

/**
 * 安全生产综合督导检查: the places and domains the province's working groups inspect (seed 001:
 * 消防控制室, 警务室, 门诊室, 住院部, 食堂, 在建工地; 三管三必须, 消防, 用电, 燃气, 特种设备, 危化品,
 * 医疗质量安全, 治安保卫, 应急预案, 值班值守) and what the debrief asks of every unit (seed 003).
 */
export const SAFETY_SUPERVISION: ShippedChecklist = {
  shippedKey: "safety_supervision",
  name: "安全生产综合督导检查",
  content: {
    sections: [
      {
        key: "responsibility",
        title: "安全生产责任制",
        items: [
          check(
            "three_musts",
            "落实安全生产“三管三必须”，层层明确并传导安全责任",
            cite("s001", "", "要坚决扛牢安全生产责任，严格落实“三管三必须”，层层传导压力"),
            "other",
          ),
          check(
            "legal_duty",
            "法人的法定责任落实到每个环节、每个工种、每个岗位",
            cite("s003review", "", "压紧压实企事业单位法人的法定责任，真正把安全生产责任落实到每个环节、每个工种、每个岗位"),
            "other",
          ),
          check(
            "hazard_ledger",
            "排查出的隐患建立问题台账，明确整改时限与责任人",
            cite("s001", "", "开展拉网式排查，建立问题台账，明确整改时限与责任人，确保整改到位"),
            "other",
          ),
          check(
            "self_check",
            "对发现的问题逐一跟踪、逐项销号，全面开展自查自纠",
            cite("s001", "", "紧盯不放，逐一跟踪，逐项销号，并举一反三，全面开展自查自纠"),
            "other",
          ),
        ],
      },
      {
        key: "fire",
        title: "消防安全与消防控制室",
        items: [
          check(
            "control_room",
            "消防控制室有人值守，值班记录完整，消防设施运行正常",
            cite("s001", "", "深入医疗卫生机构消防控制室……实地了解……消防安全管理"),
            "fire",
            { gradeHint: "major", photoRequired: true },
          ),
          check("fire_management", "消防安全管理制度落实，消防设施器材完好有效", cite("s001", "", "聚焦消防安全……等重点领域"), "fire"),
          check("winter_fire", "开展“六查一打”和冬春火灾防控工作", cite("s003review", "", "扎实开展“六查一打”和冬春火灾防控工作"), "fire"),
        ],
      },
      {
        key: "utilities",
        title: "用电、燃气与特种设备",
        items: [
          check("electricity", "用电管理规范，无违规用电、私拉乱接", cite("s001", "", "聚焦……用电管理"), "electrical", { photoRequired: true }),
          check("gas", "城市燃气使用、管道和报警装置安全", cite("s001", "", "聚焦……城市燃气"), "gas", { gradeHint: "major" }),
          check("special_equipment", "电梯、锅炉、压力容器等特种设备登记、定期检验合格", cite("s001", "", "聚焦……特种设备"), "special_equipment"),
        ],
      },
      {
        key: "chemicals",
        title: "危险化学品",
        items: [
          check("chemicals", "危险化学品储存、领用、登记管理规范", cite("s001", "", "聚焦……危化品管理"), "hazardous_chemicals", {
            gradeHint: "major",
            photoRequired: true,
          }),
        ],
      },
      {
        key: "medical_quality",
        title: "医疗质量安全",
        items: [
          check(
            "quality",
            "医疗质量安全管理落实，安全发展理念贯穿医疗服务全流程",
            cite("s001", "", "将安全发展理念贯穿医疗服务全流程各环节"),
            "medical_quality",
          ),
        ],
      },
      {
        key: "security",
        title: "治安保卫与警务室",
        items: [check("police_room", "警务室设置并正常运行，治安保卫工作落实", cite("s001", "", "深入……警务室……实地了解……治安保卫"), "security")],
      },
      {
        key: "emergency",
        title: "应急预案与演练",
        items: [
          check("plans", "应急预案完善", cite("s001", "", "要强化应急能力建设，完善应急预案"), "other"),
          check("drills", "开展安全培训和应急演练，现场演练拉动处置规范", cite("s001", "", "加强安全培训和应急演练，提升实战处置水平"), "other"),
        ],
      },
      {
        key: "duty",
        title: "值班值守",
        items: [
          check("leader_on_duty", "严格执行领导带班制度", cite("s001", "", "严格执行领导带班和24小时值班制度"), "other"),
          check("around_clock", "严格执行24小时值班制度，值班人员在岗", cite("s001", "", "严格执行领导带班和24小时值班制度"), "other"),
          check("reporting", "信息报送及时，确保信息畅通、响应及时", cite("s001", "", "加强值班值守和信息报送……确保信息畅通、响应及时"), "other"),
          check("holiday_risks", "节日期间安全风险排查整改到位", cite("s001", "", "节日期间安全风险排查整改等情况"), "other"),
        ],
      },
      {
        key: "canteen",
        title: "食堂",
        items: [check("canteen", "食堂后厨、备餐及发餐区域安全管理到位", cite("s001", "", "深入医疗卫生机构……食堂……等重点区域"), "canteen_food")],
      },
      {
        key: "construction",
        title: "在建工地",
        items: [check("site", "在建工地安全管理到位，施工区域与诊疗区域有效隔离", cite("s001", "", "深入医疗卫生机构……在建工地等重点区域"), "construction")],
      },
      {
        key: "buildings",
        title: "高层建筑、老旧建筑与住院部、门诊楼",
        items: [
          check("high_rise", "高层建筑消防安全管理到位", cite("s001", "", "紧盯高层建筑、老旧建筑、住院部、门诊楼、实验室等重点场所"), "fire"),
          check(
            "old_buildings",
            "老旧建筑房屋结构安全，无明显隐患",
            cite("s001", "", "紧盯高层建筑、老旧建筑、住院部、门诊楼、实验室等重点场所"),
            "construction",
          ),
          check("wards", "住院部、门诊楼疏散通道畅通，安全措施落实", cite("s001", "", "紧盯高层建筑、老旧建筑、住院部、门诊楼、实验室等重点场所"), "fire"),
        ],
      },
      {
        key: "laboratory",
        title: "实验室",
        items: [check("lab", "实验室生物安全和危险品管理规范", cite("s001", "", "紧盯高层建筑、老旧建筑、住院部、门诊楼、实验室等重点场所"), "lab_biosafety")],
      },
    ],
  },
};
