import { type QueryClient, useQuery } from "@tanstack/react-query";
import { IdParams } from "../../../contracts/common";
import type { InstitutionDetail, InstitutionSummary } from "../../../contracts/institutions";
import { api, type QueryValue } from "../../app/api";
import { usePageQuery } from "../../ui/use-list-params";

/** The list filters, as the API and the page URL both name them. */
export const INSTITUTION_FILTER_KEYS = ["q", "jurisdictionCode", "type", "grade", "ownership", "provincialDirect"] as const;
export type InstitutionFilterKey = (typeof INSTITUTION_FILTER_KEYS)[number];
export type InstitutionFilterValues = Partial<Record<InstitutionFilterKey, string>>;

export const useInstitutionPage = (query: Record<string, QueryValue>) => usePageQuery<InstitutionSummary>("institutions", "/api/institutions", query);

export function useInstitution(id: string) {
  return useQuery({ queryKey: ["institutions", "detail", id], queryFn: () => api<InstitutionDetail>(`/api/institutions/${encodeURIComponent(id)}`) });
}

/** After a save or an import: lists, details and the home page's counts may all have changed. */
export function refreshInstitutionData(queryClient: QueryClient) {
  return Promise.all([queryClient.invalidateQueries({ queryKey: ["institutions"] }), queryClient.invalidateQueries({ queryKey: ["dashboard"] })]);
}

/** A malformed id names no institution (the server would call it a bad request): the page says "not found" without asking. */
export const isInstitutionId = (id: string) => IdParams.safeParse({ id }).success;
