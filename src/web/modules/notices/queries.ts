import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type IssueNoticeBody, noticeRoutes } from "../../../contracts/notices";
import { call } from "../../app/api";

/** One notice, for its drawer. */
export const useNotice = (id: string) => useQuery({ queryKey: [noticeRoutes.detail.path, id], queryFn: () => call(noticeRoutes.detail, { params: { id } }) });

/** Lists and details of notices, and the hazards' timelines, change after an issue or a 签收. */
function useRefreshNotices() {
  const queryClient = useQueryClient();
  return () => Promise.all([noticeRoutes.list.path, noticeRoutes.detail.path, "/api/hazards"].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
}

export function useIssueNotice() {
  const refresh = useRefreshNotices();
  return useMutation({ mutationFn: (body: IssueNoticeBody) => call(noticeRoutes.issue, { body }), onSuccess: refresh });
}

export function useAcknowledgeNotice() {
  const refresh = useRefreshNotices();
  return useMutation({ mutationFn: (id: string) => call(noticeRoutes.acknowledge, { params: { id } }), onSuccess: refresh });
}
