/**
 * Rectification notices (整改通知书, seed 003 "下发通知书限期整改") and hygiene supervision opinions
 * (卫生监督意见书, shared/regulations.md "Childcare and public places": number, party, legal
 * representative or person in charge, address, phone, opinion text with the legal basis, deadline
 * and action; the party's signature and date; the agency's seal and date; two copies, one for the
 * file and one for the party). A notice's text is fixed when it is issued: what is built here is
 * stored as issued and printed from the stored copy ever after.
 */

export const NOTICE_KINDS = { rectification: "整改通知书", supervision_opinion: "卫生监督意见书" } as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

/** The two copies of a 卫生监督意见书: the authority keeps one, the party gets the other. */
export const OPINION_COPIES = ["第一联 监督机构存档", "第二联 交被监督单位"] as const;

/** One hazard as the notice lists it, in words. */
export interface NoticeHazardLine {
  number: string;
  place: string;
  category: string;
  description: string;
  basis: string;
  grade: string;
  /** 整改时限, or null for a hazard fixed on the spot (立行立改). */
  deadline: string | null;
  responsiblePerson: string;
  responsiblePhone: string;
}

/** What a 卫生监督意见书 says of the party it is addressed to. */
export interface NoticeParty {
  name: string;
  legalRepresentative: string;
  address: string;
  phone: string;
}

/** The notice as issued: every word it prints. Stored with the notice and never changed. */
export interface NoticeContent {
  kind: NoticeKind;
  title: string;
  number: string;
  authorityName: string;
  issuedOn: string;
  /** Who it is addressed to: the institution's name. */
  addressee: string;
  /** The paragraphs of the body, in order. */
  paragraphs: string[];
  hazards: NoticeHazardLine[];
  /** The last day by which everything must be done; null when every hazard is fixed on the spot. */
  deadline: string | null;
  /** For a 卫生监督意见书: the party's details, the opinion and its legal basis. */
  party: NoticeParty | null;
  opinion: string | null;
  basis: string | null;
  /** The copies printed: one unnamed copy, or the two of a 卫生监督意见书. */
  copies: string[];
}

/** What the issuer chose: the kind, and for a 卫生监督意见书 the party's details and the opinion. */
export interface NoticeRequest {
  kind: NoticeKind;
  /** Further requirements in the issuer's words (both kinds). */
  requirements: string;
  legalRepresentative: string;
  address: string;
  phone: string;
  opinion: string;
  /** The legal basis; empty to take the hazards' own bases. */
  basis: string;
  /** The deadline; null to take the latest of the hazards' deadlines. */
  deadline: string | null;
}

/** The facts the notice is built from, as the server found them when issuing. */
export interface NoticeFacts {
  number: string;
  authorityName: string;
  issuedOn: string;
  institution: { name: string; address: string; contactPhone: string };
  hazards: NoticeHazardLine[];
}

export type NoticeProblem = { field: keyof NoticeRequest; message: string };

/** "2026年6月10日", as dates are written in official documents. */
export function chineseDate(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return `${year}年${month}月${date}日`;
}

/** The latest deadline among the hazards; null when none has one (all fixed on the spot). */
export const latestDeadline = (hazards: Pick<NoticeHazardLine, "deadline">[]): string | null =>
  hazards.reduce<string | null>((latest, h) => (h.deadline && (!latest || h.deadline > latest) ? h.deadline : latest), null);

/** The distinct legal bases the hazards cite, joined as one sentence's list. */
const basesOf = (hazards: NoticeHazardLine[]) => [...new Set(hazards.map((h) => h.basis.trim()).filter(Boolean))].join("、");

/**
 * What is missing or wrong in the issuer's choice, naming the field: a 卫生监督意见书 must name the
 * party's legal representative or person in charge and state its opinion, its legal basis (given,
 * or cited by the hazards) and a deadline (given, or the hazards' own) not before the day of issue.
 */
export function noticeProblem(request: NoticeRequest, hazards: NoticeHazardLine[], issuedOn: string): NoticeProblem | null {
  if (request.deadline && request.deadline < issuedOn) return { field: "deadline", message: "整改期限：不能早于签发日期" };
  if (request.kind !== "supervision_opinion") return null;
  if (!request.legalRepresentative) return { field: "legalRepresentative", message: "法定代表人（负责人）：卫生监督意见书须填写" };
  if (!request.opinion) return { field: "opinion", message: "监督意见：卫生监督意见书须填写" };
  if (!request.basis && !basesOf(hazards)) return { field: "basis", message: "法律依据：所列隐患均未注明判定依据，请填写" };
  if (!request.deadline && !latestDeadline(hazards)) return { field: "deadline", message: "整改期限：所列隐患均为立行立改，请填写整改期限" };
  return null;
}

/** The words of a notice, from the issuer's choice and the facts; call after noticeProblem found nothing. */
export function noticeContent(request: NoticeRequest, facts: NoticeFacts): NoticeContent {
  const deadline = request.deadline ?? latestDeadline(facts.hazards);
  const requirements = request.requirements ? [`整改要求：${request.requirements}`] : [];
  const common = {
    kind: request.kind,
    title: NOTICE_KINDS[request.kind],
    number: facts.number,
    authorityName: facts.authorityName,
    issuedOn: facts.issuedOn,
    addressee: facts.institution.name,
    hazards: facts.hazards,
    deadline,
  };
  if (request.kind === "rectification") {
    return {
      ...common,
      paragraphs: [
        `经检查，你单位存在下列${facts.hazards.length}项安全隐患。请你单位落实安全生产主体责任，按照清单所列整改时限和整改责任人逐项整改；立行立改的隐患应当立即整改到位。`,
        ...requirements,
        `${deadline ? `请于${chineseDate(deadline)}前完成全部整改，` : "请立即完成整改，"}并将整改情况（附整改前后照片）报送${facts.authorityName}。我委将组织复查，逐项销号；逾期未整改或整改不到位的，将依法依规严肃处理。`,
      ],
      party: null,
      opinion: null,
      basis: null,
      copies: [],
    };
  }
  const basis = request.basis || basesOf(facts.hazards);
  return {
    ...common,
    paragraphs: [
      request.opinion,
      ...requirements,
      `依据${basis}，责令你单位于${chineseDate(deadline as string)}前按上述意见完成整改，并将整改情况书面报告${facts.authorityName}。`,
    ],
    party: {
      name: facts.institution.name,
      legalRepresentative: request.legalRepresentative,
      address: request.address || facts.institution.address,
      phone: request.phone || facts.institution.contactPhone,
    },
    opinion: request.opinion,
    basis,
    copies: [...OPINION_COPIES],
  };
}
