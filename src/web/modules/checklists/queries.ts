import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ChecklistBody, type ChecklistEditBody, checklistRoutes } from "../../../contracts/checklists";
import { call } from "../../app/api";

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
export const isChecklistId = isUuid;

/** One template with the content of one version (the current one unless given). */
export const useChecklist = (id: string, version?: number) =>
  useQuery({
    queryKey: [checklistRoutes.detail.path, id, version ?? "current"],
    queryFn: () => call(checklistRoutes.detail, { params: { id }, query: { version } }),
  });

/** After any change, the list and every cached detail may be out of date. */
function useRefreshChecklists() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === "string" && query.queryKey[0].startsWith("/api/checklists") });
}

export function useSaveChecklist(id?: string) {
  const refresh = useRefreshChecklists();
  return useMutation({
    mutationFn: (body: ChecklistBody & { baseVersion?: number }) =>
      id ? call(checklistRoutes.update, { params: { id }, body: body as ChecklistEditBody }) : call(checklistRoutes.create, { body }),
    onSuccess: refresh,
  });
}

export function useArchiveChecklist() {
  const refresh = useRefreshChecklists();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) => call(archived ? checklistRoutes.archive : checklistRoutes.restore, { params: { id } }),
    onSuccess: refresh,
  });
}

export function useCopyChecklist() {
  const refresh = useRefreshChecklists();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => call(checklistRoutes.copy, { params: { id }, body: { name } }),
    onSuccess: refresh,
  });
}

export { useRefreshChecklists };
