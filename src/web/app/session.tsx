import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Result, Spin } from "antd";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { CurrentUser, SessionState } from "../../contracts/auth";
import type { Permission } from "../../domain/permissions";
import { api, onAuthFailure } from "./api";

const SESSION_KEY = ["session"];

interface SessionContextValue {
  user: CurrentUser | null;
  /** Why the user was sent to the login page, shown there once. */
  notice: string | null;
  /** Takes the state a login or password change returned; drops data cached for whoever was signed in before. */
  startSession: (state: SessionState) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: () => api<SessionState>("/api/auth/session"), staleTime: Number.POSITIVE_INFINITY });

  const setUser = useCallback(
    (update: (user: CurrentUser | null) => CurrentUser | null) =>
      queryClient.setQueryData<SessionState>(SESSION_KEY, (state) => state && { ...state, user: update(state.user) }),
    [queryClient],
  );
  const forgetOtherQueries = useCallback(() => queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] }), [queryClient]);

  useEffect(() => {
    onAuthFailure((failure) => {
      if (failure === "password_change_required") {
        setUser((user) => user && { ...user, mustChangePassword: true });
        return;
      }
      setNotice(failure === "session_expired" ? "登录已超时，请重新登录" : null);
      setUser(() => null);
      forgetOtherQueries();
    });
  }, [setUser, forgetOtherQueries]);

  const value = useMemo<SessionContextValue>(
    () => ({
      user: session.data?.user ?? null,
      notice: notice ?? (session.data?.expired ? "登录已超时，请重新登录" : null),
      startSession: (state) => {
        forgetOtherQueries();
        setNotice(null);
        queryClient.setQueryData(SESSION_KEY, state);
      },
      signOut: async () => {
        try {
          await api("/api/auth/logout", { method: "POST" });
        } finally {
          setNotice(null);
          setUser(() => null);
          forgetOtherQueries();
        }
      },
    }),
    [session.data, notice, queryClient, setUser, forgetOtherQueries],
  );

  if (session.isPending) return <Spin fullscreen description="正在加载…" />;
  if (session.isError)
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={session.error.message}
        extra={
          <Button type="primary" onClick={() => session.refetch()}>
            重试
          </Button>
        }
      />
    );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The signed-in user; only for pages behind the session guard. */
export function useCurrentUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error("useCurrentUser without a signed-in user");
  return user;
}

export function useCan(): (permission: Permission) => boolean {
  const user = useCurrentUser();
  return (permission) => user.permissions.includes(permission);
}
