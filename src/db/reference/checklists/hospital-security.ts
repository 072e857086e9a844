import { check, cite, type ShippedChecklist } from "./build";

/**
 * 医院安全秩序: the tasks of the security-order year (seed 003) and the security guide's clauses on
 * the monitoring centre, registers, reporting, archives and key places (seed 000, 4.3.7–4.5.3).
 */
export const HOSPITAL_SECURITY: ShippedChecklist = {
  shippedKey: "hospital_security",
  name: "医院安全秩序",
  content: {
    sections: [
      {
        key: "order_year",
        title: "安全秩序管理年",
        items: [
          check("briefing", "每季度至少听取一次安全秩序管理工作专题汇报", cite("s003order", "", "每季度至少听取一次安全秩序管理工作专题汇报"), "security"),
          check(
            "screening",
            "每季度开展一次安全风险隐患和医患矛盾纠纷大摸排",
            cite("s003order", "", "开展一次全面细致的安全风险隐患和医患矛盾纠纷大摸排"),
            "security",
          ),
          check("drill", "每季度组织一次应急处置演习", cite("s003order", "", "组织一次应急处置演习"), "security"),
          check(
            "bulletin",
            "每月通报医院安全形势、医疗矛盾纠纷、存在问题和安全漏洞",
            cite("s003order", "", "每月通报医院安全形势、医疗矛盾纠纷发生情况、存在问题和安全漏洞"),
            "security",
          ),
          check("entry_check", "合理配置安检设施，开展入院安检", cite("s003order", "", "因地制宜合理配置安检设施，开展入院安检"), "security", {
            photoRequired: true,
          }),
          check(
            "staffing",
            "安保人员不低于在岗医务人员3%、每20张病床1名或日均门诊量3‰（就高不就低）",
            cite("s003order", "", "遵循“就高不就低”原则，按照不低于在岗医务人员总数的3%或20张病床1名保安或日均门诊量的3‰的标准配备安保人员"),
            "security",
            { gradeHint: "major" },
          ),
          check("watch_list", "建立风险人员监控名单", cite("s003order", "", "建立风险人员监控名单"), "security"),
          check(
            "video_coverage",
            "公共场所及周边、重点区域视频监控全覆盖、无死角",
            cite("s003order", "", "医院公共场所及周边区域、重点区域视频监控要实现全覆盖、无死角"),
            "security",
          ),
          check(
            "alarm",
            "门卫室、门（急）诊安装一键式报警装置，与监控中心和当地公安机关联网",
            cite("s003order", "", "门卫室、门（急）诊等重要地点要安装一键式报警装置，并与医院安全监控中心和当地公安机关联网"),
            "security",
            { photoRequired: true },
          ),
        ],
      },
      {
        key: "monitoring_duty",
        title: "安防监控中心值班",
        items: [
          check("shifts", "实行24小时值班，每班至少2人值岗", cite("s000", "4.3.7.1 a)", "应实行 24 小时值班制，每班至少2人值岗"), "security"),
          check("lead_deputy", "明确主班与副班工作内容", cite("s000", "4.3.7.1 b)", "值班员严格遵守岗位工作职责，明确主班与副班工作内容"), "security"),
          check("handover", "交接班记录如实填写", cite("s000", "4.3.7.1 c)", "明确交接班制度，如实填写交接班记录本"), "security"),
          check("training", "值班员定期培训并考核", cite("s000", "4.3.7.1 d)", "值班员应定期进行培训并考核"), "security"),
        ],
      },
      {
        key: "video_access",
        title: "视频资料调阅",
        items: [
          check("approver", "明确视频资料调阅审批负责人", cite("s000", "4.3.7.2 a)", "治安安全管理部门明确视频资料调阅管理审批负责人"), "security"),
          check("approval_flow", "有视频资料调阅审批流程", cite("s000", "4.3.7.2 b)", "包含视频资料调阅审批流程"), "security"),
          check(
            "request_content",
            "调阅申请写明部位、时间、事件、是否数据导出",
            cite("s000", "4.3.7.2 c)", "调阅视频资料申请应包括部位、时间、事件、是否数据导出等信息"),
            "security",
          ),
        ],
      },
      {
        key: "patrols",
        title: "监控、技防系统巡查与维保",
        items: [
          check("video_patrol", "监控视频巡查登记", cite("s000", "4.3.7.3 a)", "监控视频巡查管理登记"), "security"),
          check("alarm_log", "入侵报警、一键报警、门禁等系统运行登记", cite("s000", "4.3.7.3 b)", "入侵报警、一键报警、门禁等系统运行管理登记"), "security"),
          check("room_patrol", "系统设备机房、备用电源安全巡视登记", cite("s000", "4.3.7.3 c)", "系统设备机房、备用电源安全巡视登记"), "security"),
          check(
            "maintenance",
            "保养与维修登记起止时间、施工内容及维护员与值机员交接",
            cite("s000", "4.3.7.4 a)–c)", "保养与维修起止时间登记；保养与维修施工内容登记；保养与维修维护员及值机员交接登记"),
            "security",
          ),
        ],
      },
      {
        key: "evaluation",
        title: "考评奖惩",
        items: [
          check("conditions", "明确治安安全工作奖惩条件、标准和实施办法", cite("s000", "4.3.8.1", "明确治安安全工作奖惩条件、标准和具体实施办法"), "security"),
          check(
            "penalties",
            "对未依法履行职责的责任人员和部门负责人进行处罚",
            cite("s000", "4.3.8.3", "对未依法履行职责或违反单位治安安全管理制度的责任人员和部门负责人应进行处罚"),
            "security",
          ),
          check("annual_review", "治安安全管理工作纳入部门年终考核", cite("s000", "4.3.8.4", "治安安全管理工作应纳入部门年终考核重要内容"), "security"),
        ],
      },
      {
        key: "reporting",
        title: "治安信息上报",
        items: [
          check(
            "report_flow",
            "制订突发治安事件信息报告流程，明确上报时限、事件内容、协同部门、联络人",
            cite("s000", "4.3.9.1 a)", "明确上报时限、事件内容、协同部门、联络人等信息"),
            "security",
          ),
          check("report_records", "有接报、通报、处置反馈结果等工作记录", cite("s000", "4.3.9.1 b)", "有接报、通报、处置反馈结果等工作记录"), "security"),
          check(
            "archive_by_category",
            "治安安全信息按类别、时间、处置情况存档",
            cite("s000", "4.3.9.2 a)–b)", "各类治安安全信息应按类别、时间处置情况进行存档"),
            "security",
          ),
          check(
            "police_confirmed",
            "同时接入公安机关的紧急报警，值机人员核实公安机关已收到",
            cite("s000", "4.3.9.2 c)", "监控中心值机人员应核实公安机关是否收到报警信息"),
            "security",
          ),
        ],
      },
      {
        key: "archive",
        title: "治安档案",
        items: [
          check("archive_owner", "明确治安档案管理的责任部门和责任人", cite("s000", "4.4.1", "明确治安档案管理的责任部门和责任人"), "security"),
          check(
            "paper_and_electronic",
            "建立纸质治安档案，并宜同时建立电子治安档案",
            cite("s000", "4.4.2 a)", "按照有关规定建立纸质治安档案，完善治安信息管理，并宜同时建立电子治安档案"),
            "security",
          ),
          check(
            "archive_contents",
            "档案至少包括治安安全基本情况、管理情况、应急事件预案，附必要图表",
            cite("s000", "4.4.2 b)–c)", "治安档案应至少包括治安安全基本情况、治安安全管理情况、应急事件预案等内容"),
            "security",
          ),
          check(
            "key_place_archive",
            "建立重点部位、要害部门的治安管理工作档案",
            cite("s000", "4.4.2 d)", "建立健全重点部位、要害部门的治安管理工作档案"),
            "security",
          ),
        ],
      },
      {
        key: "key_places",
        title: "重点部位治安安全",
        items: [
          check(
            "key_places_listed",
            "判定并列明治安安全重点部位（门急诊、住院处、手术室、ICU、食堂后厨、动力部门、监控中心、危险品部位等）",
            cite("s000", "4.5.1–4.5.2", "人员密集……容易造成人身安全伤害……可能造成财产严重损失……可能造成恶劣社会影响的部位"),
            "security",
          ),
          check("guards_on_post", "人员密集部位安排安保队员值守", cite("s000", "4.5.3.1 a)", "安排安保队员进行值守"), "security"),
          check("patrols_stepped_up", "人员密集部位加强治安安全巡视", cite("s000", "4.5.3.1 b)", "加强治安安全巡视"), "security"),
          check(
            "technical_defence",
            "配置视频监控、一键报警、安检闸机、出入口控制系统",
            cite("s000", "4.5.3.1 c)", "配置视频监控、一键报警、安检闸机、出入口控制系统等治安安全技防设施和治安安全系统"),
            "security",
            { photoRequired: true },
          ),
          check("emergency_equipment", "设置治安安全应急装备存放区", cite("s000", "4.5.3.1 d)", "设置治安安全应急装备存放区，保障应急处置使用"), "security"),
        ],
      },
    ],
  },
};
