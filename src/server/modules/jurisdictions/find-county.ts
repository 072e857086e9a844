import type { Jurisdiction, JurisdictionDirectory } from "./directory";

/** Names compared without spaces and separators: "开封市 / 兰考县" and "开封市兰考县" are one name. */
const normalise = (text: string) => text.replace(/[\s/／·\-—、]/g, "");

/** A city's names as people write them: with and without its suffix ("开封市", "开封"). */
const namesOfCity = (city: Jurisdiction | undefined) => (city ? [...new Set([city.name, city.name.replace(/(市|地区|示范区)$/, "")])] : []);

interface CountyIndex {
  /** Leaves by every way of writing them: "兰考县", "开封市兰考县", "开封兰考县". */
  byName: Map<string, Jurisdiction[]>;
  cityNamesOf: Map<string, string[]>;
}

const indexes = new WeakMap<JurisdictionDirectory, CountyIndex>();

function indexOf(directory: JurisdictionDirectory): CountyIndex {
  const known = indexes.get(directory);
  if (known) return known;
  const byName = new Map<string, Jurisdiction[]>();
  const cityNamesOf = new Map<string, string[]>();
  const add = (key: string, leaf: Jurisdiction) => byName.set(key, [...(byName.get(key) ?? []), leaf]);
  for (const leaf of directory.leavesUnder(directory.rootCode() ?? "")) {
    const city = directory.cityOf(leaf.code);
    const cityNames = namesOfCity(city?.code === leaf.code ? undefined : city);
    cityNamesOf.set(leaf.code, cityNames);
    add(normalise(leaf.name), leaf);
    for (const cityName of cityNames) add(cityName + normalise(leaf.name), leaf);
  }
  const index = { byName, cityNamesOf };
  indexes.set(directory, index);
  return index;
}

export type CountyLookup = { county: Jurisdiction } | { problem: string };

/**
 * Finds the leaf jurisdiction (county) a spreadsheet names: by its name ("兰考县"), by city and name
 * in one cell ("开封市兰考县", "开封市 / 兰考县"), or by name with the city in `cityText`. A name
 * shared by counties of different cities needs the city; the problem says which cities.
 */
export function findCounty(directory: JurisdictionDirectory, text: string, cityText = ""): CountyLookup {
  const { byName, cityNamesOf } = indexOf(directory);
  const wanted = normalise(text);
  const city = normalise(cityText);
  const direct = byName.get(wanted) ?? [];
  const found = city ? [...new Set([...(byName.get(city + wanted) ?? []), ...direct.filter((leaf) => cityNamesOf.get(leaf.code)?.includes(city))])] : direct;
  if (found.length === 1) return { county: found[0] as Jurisdiction };
  if (found.length > 1) {
    const places = found.map((leaf) => `${directory.cityOf(leaf.code)?.name ?? ""}${leaf.name}`);
    return { problem: `「${text}」有多个同名区划（${places.join("、")}），请同时填写所在市，或写成“${places[0]}”的形式` };
  }
  if (directory.findByName(text.trim())?.isLeaf === false) return { problem: `「${text}」不是县（市、区）级行政区划，请填写所在县（市、区）` };
  return { problem: city ? `在「${cityText}」下找不到「${text}」` : `找不到名为「${text}」的县（市、区）` };
}
