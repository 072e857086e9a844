/**
 * Kinds of institution the health commissions supervise.
 *
 * The medical kinds are those of 医疗机构管理条例实施细则 第三条 (2017 revision, items 一–十四),
 * plus 血站 (血站管理办法) and 疾病预防控制中心; they are grouped the way the national health
 * statistics group them (医院 / 基层医疗卫生机构 / 专业公共卫生机构 / 其他机构). The non-medical
 * places supervised by the same commissions come from the seeds: 托育机构 (seed 004, 三门峡),
 * 医养结合机构 (seed 001), 公共场所 under hygiene supervision (seed 004, 鼓楼区).
 * shared/domain.md §1.
 */
export const INSTITUTION_TYPE_GROUPS = {
  hospital: "医院",
  primary: "基层医疗卫生机构",
  public_health: "专业公共卫生机构",
  other: "其他",
} as const;
export type InstitutionTypeGroup = keyof typeof INSTITUTION_TYPE_GROUPS;

interface TypeEntry {
  label: string;
  group: InstitutionTypeGroup;
}

/** In display order: hospitals first, then primary care, public health, and the rest. */
export const INSTITUTION_TYPE_CATALOGUE = {
  // 第三条（一）, （十二）护理院: hospitals in the health statistics.
  general_hospital: { label: "综合医院", group: "hospital" },
  tcm_hospital: { label: "中医医院", group: "hospital" },
  integrated_hospital: { label: "中西医结合医院", group: "hospital" },
  ethnic_hospital: { label: "民族医医院", group: "hospital" },
  specialist_hospital: { label: "专科医院", group: "hospital" },
  rehabilitation_hospital: { label: "康复医院", group: "hospital" },
  nursing_home: { label: "护理院", group: "hospital" },
  // 第三条（三）（四）（六）（七）（八）, （十二）护理站: primary care.
  community_health_center: { label: "社区卫生服务中心", group: "primary" },
  community_health_station: { label: "社区卫生服务站", group: "primary" },
  central_health_center: { label: "中心卫生院", group: "primary" },
  township_health_center: { label: "乡镇卫生院", group: "primary" },
  street_health_center: { label: "街道卫生院", group: "primary" },
  outpatient_department: { label: "门诊部", group: "primary" },
  clinic: { label: "诊所", group: "primary" },
  infirmary: { label: "卫生所/医务室/卫生站", group: "primary" },
  village_clinic: { label: "村卫生室", group: "primary" },
  nursing_station: { label: "护理站", group: "primary" },
  // 第三条（二）（九）（十一）, 血站管理办法, and the CDCs: public health.
  cdc: { label: "疾病预防控制中心", group: "public_health" },
  maternal_child_health: { label: "妇幼保健院", group: "public_health" },
  specialist_disease_prevention: { label: "专科疾病防治机构", group: "public_health" },
  emergency_center: { label: "急救中心（站）", group: "public_health" },
  blood_station: { label: "血站", group: "public_health" },
  // 第三条（五）（十）（十三）（十四）, and the supervised non-medical places.
  sanatorium: { label: "疗养院", group: "other" },
  clinical_lab_center: { label: "临床检验中心", group: "other" },
  independent_medical_center: { label: "医学检验实验室等独立设置机构", group: "other" },
  other_medical: { label: "其他诊疗机构", group: "other" },
  childcare: { label: "托育机构", group: "other" },
  elderly_care: { label: "医养结合机构", group: "other" },
  public_place: { label: "公共场所", group: "other" },
} as const satisfies Record<string, TypeEntry>;
export type InstitutionType = keyof typeof INSTITUTION_TYPE_CATALOGUE;

/** Chinese label of every type, in catalogue order. */
export const INSTITUTION_TYPES = Object.fromEntries(Object.entries(INSTITUTION_TYPE_CATALOGUE).map(([key, entry]) => [key, entry.label])) as {
  [K in InstitutionType]: (typeof INSTITUTION_TYPE_CATALOGUE)[K]["label"];
};

export const groupOfType = (type: InstitutionType): InstitutionTypeGroup => INSTITUTION_TYPE_CATALOGUE[type].group;

/** The types of a group, in catalogue order. */
export const typesOfGroup = (group: InstitutionTypeGroup): InstitutionType[] =>
  (Object.keys(INSTITUTION_TYPE_CATALOGUE) as InstitutionType[]).filter((type) => INSTITUTION_TYPE_CATALOGUE[type].group === group);
