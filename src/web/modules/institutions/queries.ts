import { type QueryClient, useQuery } from "@tanstack/react-query";
import { InstitutionIdParams } from "../../../contracts/common";
import { INSTITUTION_SORTS, type InstitutionSort, institutionRoutes } from "../../../contracts/institutions";
import { call } from "../../app/api";

/** The list filters, as the API and the page URL both name them. */
export const INSTITUTION_FILTER_KEYS = ["q", "jurisdictionCode", "typeGroup", "type", "grade", "ownership", "provincialDirect", "status"] as const;
export type InstitutionFilterKey = (typeof INSTITUTION_FILTER_KEYS)[number];
export const INSTITUTION_SORT_KEYS = Object.keys(INSTITUTION_SORTS) as InstitutionSort[];

export function useInstitution(id: string) {
  return useQuery({ queryKey: [institutionRoutes.detail.path, id], queryFn: () => call(institutionRoutes.detail, { params: { id } }) });
}

/** After a save, a deregistration or an import: lists, details, histories and the home page's counts may all have changed. */
export function refreshInstitutionData(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (query) => typeof query.queryKey[0] === "string" && /^\/api\/(institutions|dashboard)/.test(query.queryKey[0]),
  });
}

/** A malformed id names no institution (the server would call it a bad request): the page says "not found" without asking. */
export const isInstitutionId = (id: string) => InstitutionIdParams.safeParse({ id }).success;
