import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Result, Spin } from "antd";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { type CurrentUser, logoutRoute, type SessionState, sessionRoute } from "../../contracts/auth";
import type { Permission } from "../../domain/permissions";
import { ApiError, call, callForNothing, onAuthFailure } from "./api";
import { clearOfflineCaches } from "./offline";
import { LOGIN_PATH } from "./paths";

const SESSION_KEY = ["session"];
const TIMEOUT_NOTICE = "登录已超时，请重新登录";
/** Tells the app's other tabs that the signed-in user changed here, so they ask the server at once. */
const otherTabs = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("yian-session");

interface SessionContextValue {
  user: CurrentUser | null;
  /** Why the user was sent to the login page, shown there once. */
  notice: string | null;
  /** Takes the state a login or password change returned. */
  startSession: (state: SessionState) => void;
  /** Reads the session again, e.g. after the user's own account was edited. */
  refreshSession: () => Promise<void>;
  /** Ends the session on the server and here; one that had already ended counts as ended. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);

  /**
   * Every change of session state passes here: when it names another user (or none), whatever
   * was cached for the previous one is dropped before anything renders with the new user.
   */
  const adopt = useCallback(
    (next: SessionState): SessionState => {
      const previous = queryClient.getQueryData<SessionState>(SESSION_KEY);
      if (previous && previous.user?.id !== next.user?.id) {
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
        otherTabs?.postMessage("changed");
      }
      return next;
    },
    [queryClient],
  );
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => adopt(await call(sessionRoute)),
    staleTime: Number.POSITIVE_INFINITY,
    // Also asked again when the tab is shown, for a change the other tabs could not announce
    // (a timeout, a tab closed meanwhile); "always", as the answer never goes stale by itself.
    refetchOnWindowFocus: "always",
  });
  useEffect(() => {
    if (!otherTabs) return;
    const refresh = () => queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    otherTabs.addEventListener("message", refresh);
    return () => otherTabs.removeEventListener("message", refresh);
  }, [queryClient]);
  const setUser = useCallback(
    (update: (user: CurrentUser | null) => CurrentUser | null) =>
      queryClient.setQueryData<SessionState>(SESSION_KEY, (state) => state && adopt({ ...state, user: update(state.user) })),
    [queryClient, adopt],
  );

  useEffect(() => {
    onAuthFailure((failure) => {
      if (failure === "password_change_required") {
        setUser((user) => user && { ...user, mustChangePassword: true });
        return;
      }
      setNotice(failure === "session_expired" ? TIMEOUT_NOTICE : null);
      setUser(() => null);
    });
  }, [setUser]);

  const value = useMemo<SessionContextValue>(
    () => ({
      user: session.data?.user ?? null,
      notice: notice ?? (session.data?.expired ? TIMEOUT_NOTICE : null),
      startSession: (state) => {
        setNotice(null);
        queryClient.setQueryData(SESSION_KEY, adopt(state));
        // Asked once more, so the copy the service worker keeps for a reload without a connection is this session, not the signed-out one.
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      },
      refreshSession: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
      signOut: async () => {
        try {
          await callForNothing(logoutRoute);
        } catch (error) {
          // Already signed out (timed out, or ended in another tab): that is what was asked for.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        } finally {
          setNotice(null);
          setUser(() => null);
          await clearOfflineCaches();
        }
      },
    }),
    [session.data, notice, queryClient, setUser, adopt],
  );

  if (session.isPending) return <Spin fullscreen description="正在加载…" />;
  // A later refetch that fails (say, on focus while offline) keeps the session it had.
  if (session.isError && !session.data)
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

/** The 退出 buttons: signs out, says so if the server could not be told, and shows the login page. */
export function useSignOut(): () => Promise<void> {
  const { signOut } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return async () => {
    try {
      await signOut();
    } catch (error) {
      message.error((error as Error).message);
    }
    navigate(LOGIN_PATH, { replace: true });
  };
}
