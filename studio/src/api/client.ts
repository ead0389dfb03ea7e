/**
 * The studio's one way to the HTTP API: JSON in and out, the session cookie (sent by the browser) and the CSRF
 * token on changes, and the caller's language and time zone on every call, so the server answers rule messages
 * and TODAY() as the user expects. Errors come back as `ApiError` carrying the problem's field entries; a 401
 * (the session ended or expired) is also told to whoever listens, so the studio goes back to sign-in.
 */

export interface ProblemEntry {
  field: string;
  pointer: string;
  code: string;
  message: string;
  rule?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ProblemEntry[] = [],
  ) {
    super(message);
  }
}

// Kept in memory only: each tab reads the session's token from GET /auth/me when it loads.
let csrfToken: string | null = null;
let language = 'en';
let unauthorized: () => void = () => {};
/** Grows with every change of metadata or of who is signed in: what was described before may be stale. */
let generation = 0;
export const metadataGeneration = (): number => generation;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on a 401 from anything but the sign-in itself (whose 401 is a wrong password). */
export function onUnauthorized(listener: () => void): void {
  unauthorized = listener;
}

export function setApiLanguage(locale: string): void {
  language = locale;
}

export const timeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A fetch of the API as the studio makes every call: the session cookie, the CSRF token on changes, the caller's
 * language and time zone; a change of metadata (or of who is signed in) noted, and a 401 told to whoever listens.
 * `tessera` (the typed client) calls through it too.
 */
export async function studioFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  headers.set('accept-language', language);
  headers.set('time-zone', timeZone());
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  const response = await fetch(input, { ...init, method, headers, credentials: 'same-origin' });
  const path = new URL(String(input), location.origin).pathname.replace(/^\/api\/v1/, '');
  if (method !== 'GET' && response.ok && /^\/(meta|auth)\//.test(path)) generation++;
  if (response.status === 401 && path !== '/auth/sign-in') {
    csrfToken = null;
    generation++;
    unauthorized();
  }
  return response;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<T> {
  const response = await studioFetch(`/api/v1${path}`, {
    method,
    headers: body === undefined ? extra : { ...extra, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({}));
  if (!response.ok)
    throw new ApiError(
      response.status,
      json.code ?? 'error',
      json.detail ?? json.title ?? response.statusText,
      json.errors ?? [],
    );
  return json as T;
}
