import { type QueryClient, useQuery } from "@tanstack/react-query";
import { HazardIdParams } from "../../../contracts/common";
import { HAZARD_SORTS, type HazardDetail, type HazardSort, type HazardSummary, hazardRoutes } from "../../../contracts/hazards";
import { settingsRoutes } from "../../../contracts/settings";
import { commandsOpenTo, type HazardCommandKind, type HazardFacts, type HazardSide } from "../../../domain/hazard-lifecycle";
import { isAuthorityRole } from "../../../domain/permissions";
import { call } from "../../app/api";
import { useCurrentUser } from "../../app/session";

/** The ledger's filters, as the API and the page URL both name them. */
export const HAZARD_FILTER_KEYS = [
  "q",
  "state",
  "overdue",
  "grade",
  "category",
  "jurisdictionCode",
  "institutionId",
  "institutionType",
  "institutionGrade",
  "source",
  "foundFrom",
  "foundTo",
] as const;
export type HazardFilterKey = (typeof HAZARD_FILTER_KEYS)[number];
export const HAZARD_SORT_KEYS = Object.keys(HAZARD_SORTS) as HazardSort[];

/** The categories a hazard may take here: the built-in ones and those this authority's chain added. */
export function useHazardCategoryOptions() {
  const categories = useQuery({ queryKey: [settingsRoutes.categories.path], queryFn: () => call(settingsRoutes.categories) });
  return (categories.data ?? []).map(({ value, label }) => ({ value, label }));
}

export function useHazard(id: string) {
  return useQuery({ queryKey: [hazardRoutes.detail.path, id], queryFn: () => call(hazardRoutes.detail, { params: { id } }) });
}

/** After a command or a new hazard: the ledger, the queues and the hazard's page may all have changed. */
export function refreshHazardData(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === "string" && query.queryKey[0].startsWith("/api/hazards") });
}

/** A malformed id names no hazard: the page says "not found" without asking. */
export const isHazardId = (id: string) => HazardIdParams.safeParse({ id }).success;

/** Which side of the closed loop the signed-in user acts on (the server decides again by role). */
export function useHazardSide(): HazardSide {
  return isAuthorityRole(useCurrentUser().role) ? "authority" : "institution";
}

/** The rules' view of a hazard; a list row lacks its round, extension request and plan, which no row step needs. */
export const factsOf = (hazard: HazardSummary & Partial<Pick<HazardDetail, "round" | "pendingExtension" | "majorPlan">>): HazardFacts => ({
  state: hazard.state as HazardFacts["state"],
  grade: hazard.grade as HazardFacts["grade"],
  handling: hazard.handling as HazardFacts["handling"],
  deadline: hazard.deadline,
  round: hazard.round ?? 0,
  // A request recorded before its day was kept lacks requestedOn, which no offer of a command reads.
  pendingExtension: (hazard.pendingExtension ?? null) as HazardFacts["pendingExtension"],
  majorPlan: hazard.majorPlan ?? null,
});

/**
 * The next steps offered on a list row, each opening the hazard's page with its dialog (a command
 * needs the version the page loads). These depend on the state alone, which a row has.
 */
const ROW_STEPS: Record<HazardSide, HazardCommandKind[]> = { institution: ["start", "submit"], authority: ["verify", "return"] };

export function rowSteps(hazard: HazardSummary, side: HazardSide): HazardCommandKind[] {
  const open = commandsOpenTo(factsOf(hazard), side);
  return ROW_STEPS[side].filter((kind) => open.includes(kind));
}
