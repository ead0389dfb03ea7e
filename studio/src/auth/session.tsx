/**
 * Who is signed in: `GET /auth/me` answers for the session cookie, with the CSRF token the API wants on
 * changes (so a second tab, or a restored one, has it too); signing in sets the cookie. A 401 anywhere ends
 * the studio's session: its state is cleared and the sign-in page says why.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError, api, onUnauthorized, setCsrfToken } from '../api/client.js';
import type { Me } from '../api/types.js';

interface Session {
  me: Me | null | undefined;
  /** Why the user is on the sign-in page when they did not ask to be: their session ended. */
  ended: boolean;
  signIn(workspace: string, email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const signedIn = useRef(false);
  const load = useCallback(async () => {
    try {
      const current = (await api<{ data: Me }>('GET', '/auth/me')).data;
      setCsrfToken(current.csrfToken);
      signedIn.current = true;
      setMe(current);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
  }, []);
  useEffect(() => {
    onUnauthorized(() => {
      if (signedIn.current) setEnded(true);
      signedIn.current = false;
      setMe(null);
    });
    load();
  }, [load]);
  const value = useMemo<Session>(
    () => ({
      me,
      ended,
      async signIn(workspace, email, password) {
        await api('POST', '/auth/sign-in', { workspace, email, password });
        setEnded(false);
        await load();
      },
      async signOut() {
        // A session that had already ended needs no ending (its 401 has cleared the state).
        await api('POST', '/auth/sign-out').catch((error) => {
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        });
        setCsrfToken(null);
        signedIn.current = false;
        setMe(null);
      },
    }),
    [me, ended, load],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
