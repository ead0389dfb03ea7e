/**
 * Who is signed in: `GET /auth/me` answers for the session cookie; signing in sets the cookie and gives the
 * CSRF token the API wants on changes. A 401 anywhere sends the user back to the sign-in page.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client.js';
import type { Me } from '../api/types.js';

interface Session {
  me: Me | null | undefined;
  signIn(workspace: string, email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const load = useCallback(async () => {
    try {
      setMe((await api<{ data: Me }>('GET', '/auth/me')).data);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else throw error;
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);
  const value = useMemo<Session>(
    () => ({
      me,
      async signIn(workspace, email, password) {
        const answer = await api<{ data: { csrfToken: string } }>('POST', '/auth/sign-in', {
          workspace,
          email,
          password,
        });
        setCsrfToken(answer.data.csrfToken);
        await load();
      },
      async signOut() {
        await api('POST', '/auth/sign-out');
        setCsrfToken(null);
        setMe(null);
      },
    }),
    [me, load],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
