import type { InstitutionGrade, InstitutionType, Ownership } from "../../contracts/enums";
import type { InstitutionInput } from "../../contracts/institutions";
import { checkCharacterFor } from "../../domain/credit-code";
import { groupOfType } from "../../domain/institution-types";
import type { Jurisdiction } from "../modules/jurisdictions/directory";

/** Small deterministic PRNG (mulberry32): the same seed gives the same data set, so runs compare. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    weighted: <T extends string>(weights: Partial<Record<T, number>>): T => {
      const entries = Object.entries(weights) as [T, number][];
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll <= 0) return key;
      }
      return (entries[entries.length - 1] as [T, number])[0];
    },
  };
}
export type Random = ReturnType<typeof randomSource>;

const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
const PLACE_SUFFIXES = ["庄", "营", "集", "屯", "寨", "店", "楼", "岗", "桥", "湾", "洼", "坡", "庙", "口", "河", "堂", "铺", "园"];
const TOWN_WORDS = "城关东西南北新安平和兴丰吉祥永宁福泰康乐清水长青阳光明德仁义礼信华中红星古石龙凤".split("");
const BRAND_WORDS = ["爱心", "康宁", "仁和", "博爱", "阳光", "金色", "童乐", "安康", "福寿", "颐和", "健民", "惠民", "同心", "华康", "瑞祥"];
const PUBLIC_PLACE_KINDS = ["理发店", "美容会所", "宾馆", "酒店", "浴池", "游泳馆", "美发沙龙", "足浴店"];
const SPECIALTIES = ["骨科", "眼科", "口腔", "肛肠", "妇产", "儿童", "精神病", "肿瘤", "皮肤病", "传染病"];
const CLINIC_KINDS = ["诊所", "中医诊所", "口腔诊所", "内科诊所", "中西医结合诊所"];
const DEPARTMENT_KINDS = ["综合门诊部", "中医门诊部", "口腔门诊部", "中西医结合门诊部"];
const INDEPENDENT_CENTERS = ["医学检验实验室", "病理诊断中心", "医学影像诊断中心", "血液透析中心", "安宁疗护中心"];
const INFIRMARY_HOSTS = ["第一中学", "实验小学", "纺织厂", "化肥厂", "火车站", "职业技术学院", "监狱", "看守所"];

const shortName = (county: Jurisdiction) => (county.name.length > 2 ? county.name.replace(/(回族区|区|县|市)$/, "") : county.name);
const placeName = (random: Random) => `${random.pick([...SURNAMES])}${random.pick(PLACE_SUFFIXES)}`;
const townName = (random: Random) => `${random.pick(TOWN_WORDS)}${random.pick(TOWN_WORDS)}`;

/** A unique, GB 32100-valid credit code: registration prefix, the county code, a serial, and the check digit. */
export function syntheticCreditCode(ownership: Ownership, countyCode: string, serial: number): string {
  const prefix = ownership === "public" ? "12" : "52";
  const body = `${prefix}${countyCode}${serial
    .toString(30)
    .toUpperCase()
    .replace(/[IOS]/g, (c) => ({ I: "X", O: "Y", S: "W" })[c] as string)
    .padStart(9, "0")}`;
  return `${body}${checkCharacterFor(body)}`;
}

export interface InstitutionMix {
  type: InstitutionType;
  count: number;
  grade: Partial<Record<InstitutionGrade, number>>;
  privateShare: number;
}

/** Hospital grades across Henan, per the issue: about 8% 三级, 27% 二级, 32% 一级, 33% 未定级. */
export const HOSPITAL_GRADES = { grade3: 8, grade2: 27, grade1: 32, ungraded: 33 };

function nameFor(type: InstitutionType, county: Jurisdiction, random: Random, grade: InstitutionGrade, ownership: Ownership): string {
  const c = shortName(county);
  switch (type) {
    case "general_hospital":
      if (ownership === "private") return `${c}${random.pick(BRAND_WORDS)}医院`;
      return grade === "grade3" || grade === "grade2" ? `${c}${random.pick(["", "第二", "第三", "中心"])}人民医院` : `${c}${townName(random)}医院`;
    case "tcm_hospital":
      return ownership === "private" ? `${c}${random.pick(BRAND_WORDS)}中医医院` : `${c}中医院`;
    case "integrated_hospital":
      return `${c}${ownership === "private" ? random.pick(BRAND_WORDS) : ""}中西医结合医院`;
    case "ethnic_hospital":
      return `${c}回医医院`;
    case "specialist_hospital":
      return `${c}${ownership === "private" ? random.pick(BRAND_WORDS) : ""}${random.pick(SPECIALTIES)}医院`;
    case "rehabilitation_hospital":
      return `${c}${ownership === "private" ? random.pick(BRAND_WORDS) : ""}康复医院`;
    case "nursing_home":
      return `${c}${random.pick(BRAND_WORDS)}护理院`;
    case "central_health_center":
      return `${c}${townName(random)}镇中心卫生院`;
    case "township_health_center":
      return `${c}${townName(random)}镇卫生院`;
    case "street_health_center":
      return `${c}${townName(random)}街道卫生院`;
    case "outpatient_department":
      return `${c}${random.pick(BRAND_WORDS)}${random.pick(DEPARTMENT_KINDS)}`;
    case "clinic":
      return `${c}${random.pick([...SURNAMES])}${random.pick(["氏", "记", ""])}${random.pick(CLINIC_KINDS)}`;
    case "infirmary":
      return `${c}${random.pick(INFIRMARY_HOSTS)}${random.pick(["医务室", "卫生所"])}`;
    case "nursing_station":
      return `${c}${random.pick(BRAND_WORDS)}护理站`;
    case "specialist_disease_prevention":
      return `${county.name}${random.pick(["结核病防治所", "皮肤病防治所", "职业病防治院", "口腔病防治所"])}`;
    case "emergency_center":
      return `${county.name}急救站`;
    case "blood_station":
      return `${county.name}中心血站`;
    case "sanatorium":
      return `${c}${random.pick(["职工", "干部", "温泉"])}疗养院`;
    case "clinical_lab_center":
      return `${county.name}临床检验中心`;
    case "independent_medical_center":
      return `${c}${random.pick(BRAND_WORDS)}${random.pick(INDEPENDENT_CENTERS)}`;
    case "other_medical":
      return `${c}${random.pick(BRAND_WORDS)}健康管理中心`;
    case "community_health_center":
      return `${c}${townName(random)}街道社区卫生服务中心`;
    case "community_health_station":
      return `${c}${townName(random)}社区卫生服务站`;
    case "village_clinic":
      return `${c}${townName(random)}镇${placeName(random)}村卫生室`;
    case "cdc":
      return `${county.name}疾病预防控制中心`;
    case "maternal_child_health":
      return `${county.name}妇幼保健院`;
    case "childcare":
      return `${c}${random.pick(BRAND_WORDS)}托育园`;
    case "elderly_care":
      return `${c}${random.pick(BRAND_WORDS)}医养中心`;
    case "public_place":
      return `${c}${random.pick(BRAND_WORDS)}${random.pick(PUBLIC_PLACE_KINDS)}`;
  }
}

/** Size figures that fit the kind and grade of institution (beds, staff, daily outpatients). */
function sizeFor(type: InstitutionType, grade: InstitutionGrade, random: Random) {
  const hospital = (groupOfType(type) === "hospital" && type !== "nursing_home") || type === "maternal_child_health";
  if (hospital) {
    const beds = { grade3: random.int(800, 3500), grade2: random.int(200, 800), grade1: random.int(20, 200), ungraded: random.int(10, 99) }[grade];
    const staff = Math.round(beds * (1.1 + random.next()));
    const outpatients = Math.round(beds * (2 + random.next() * 3));
    const required = Math.max(Math.ceil(staff * 0.03), Math.ceil(beds / 20), Math.ceil(outpatients * 0.003));
    return { beds, onDutyMedicalStaff: staff, dailyOutpatientVisits: outpatients, securityStaff: Math.max(0, required + random.int(-3, 4)) };
  }
  if (type === "township_health_center" || type === "central_health_center" || type === "street_health_center" || type === "community_health_center") {
    const beds = random.int(10, 120);
    return { beds, onDutyMedicalStaff: random.int(20, 150), dailyOutpatientVisits: random.int(50, 400), securityStaff: random.int(0, 6) };
  }
  if (["village_clinic", "community_health_station", "clinic", "infirmary", "nursing_station", "outpatient_department"].includes(type)) {
    return { beds: 0, onDutyMedicalStaff: random.int(1, 6), dailyOutpatientVisits: random.int(5, 60), securityStaff: 0 };
  }
  return {
    beds: type === "elderly_care" || type === "nursing_home" || type === "sanatorium" ? random.int(20, 300) : 0,
    onDutyMedicalStaff: random.int(2, 40),
    dailyOutpatientVisits: 0,
    securityStaff: random.int(0, 4),
  };
}

/**
 * Institutions of the given mix spread over `counties` (round robin from a random start),
 * with plausible names, sizes and contacts.
 */
export function generateInstitutions(counties: Jurisdiction[], mix: InstitutionMix[], random: Random, serialStart = 1): InstitutionInput[] {
  const rows: InstitutionInput[] = [];
  let serial = serialStart;
  for (const kind of mix) {
    for (let i = 0; i < kind.count; i++) {
      const county = counties[(i + random.int(0, counties.length - 1)) % counties.length] as Jurisdiction;
      const grade = random.weighted(kind.grade);
      const ownership: Ownership = random.next() < kind.privateShare ? "private" : "public";
      rows.push({
        name: nameFor(kind.type, county, random, grade, ownership),
        creditCode: syntheticCreditCode(ownership, county.code, serial++),
        type: kind.type,
        ownership,
        grade,
        provincialDirect: false,
        jurisdictionCode: county.code,
        address: `${county.name}${townName(random)}路${random.int(1, 999)}号`,
        ...sizeFor(kind.type, grade, random),
        contactPerson: `${random.pick([...SURNAMES])}${random.pick(["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "强", "霞", "平", "刚"])}`,
        contactPhone: `13${random.int(0, 9)}${String(random.int(0, 99_999_999)).padStart(8, "0")}`,
      });
    }
  }
  return rows;
}
