/**
 * Readable numbers of hazards and rectification notices, per issuing authority and year (issue #7),
 * in the form of a Chinese official document's 发文字号 (机关代字〔年份〕序号, GB/T 9704-2012, the year
 * in 六角括号 〔〕): a hazard `兰考隐患〔2026〕0123`, a notice `兰卫安通〔2026〕第0001号`. Sequences are
 * allocated without gaps by the server, one counter per authority, kind and year.
 */

/** Serials have at least four digits, and grow past 9999 rather than wrap. */
const serial = (sequence: number) => {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`a serial starts at 1, got ${sequence}`);
  return String(sequence).padStart(4, "0");
};

export const hazardNumber = (prefix: string, year: number, sequence: number) => `${prefix}隐患〔${year}〕${serial(sequence)}`;

export const noticeNumber = (prefix: string, year: number, sequence: number) => `${prefix}〔${year}〕第${serial(sequence)}号`;

/** A 挂牌督办 document: `开卫督〔2026〕3号`, numbered like an ordinary 发文字号, without padding. */
export const listingNumber = (prefix: string, year: number, sequence: number) => {
  serial(sequence);
  return `${prefix}〔${year}〕${sequence}号`;
};

/** Endings dropped from a jurisdiction's name to make its short name (兰考县 → 兰考), longest first. */
const NAME_ENDINGS = ["回族区", "自治县", "省", "市", "县", "区"];

/** An authority's short name, from its jurisdiction's name: 兰考县 → 兰考, 杞县 stays 杞县. */
export function shortName(jurisdictionName: string): string {
  for (const ending of NAME_ENDINGS) {
    if (jurisdictionName.endsWith(ending) && [...jurisdictionName].length - [...ending].length >= 2) {
      return jurisdictionName.slice(0, -ending.length);
    }
  }
  return jurisdictionName;
}

/** The default 机关代字 of an authority's hazard numbers (兰考), notices (兰卫安通) and listings (兰卫督); all are settings. */
export const defaultPrefixes = (jurisdictionName: string) => {
  const short = shortName(jurisdictionName);
  const first = [...short][0];
  return { hazard: short, notice: `${first}卫安通`, listing: `${first}卫督` };
};
