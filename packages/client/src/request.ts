/** One call of the API: JSON in and out, the token when there is one, a problem document as a thrown error. */
import { type ProblemDetails, TesseraApiError } from './problem-error.js';

export interface ClientOptions {
  /** Where the API lives, e.g. `http://127.0.0.1:4000` (without `/api/v1`); `''` for the page's own origin. */
  baseUrl: string;
  /** A bearer token; none where the caller authenticates otherwise (a browser's session cookie). */
  token?: string;
  fetch?: typeof fetch;
}

export type Call = <T>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<T>;

export function makeCall(options: ClientOptions): Call {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const base = `${options.baseUrl.replace(/\/$/, '')}/api/v1`;
  return async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetchFn(`${base}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 204) return undefined as T;
    const payload = await res.json();
    if (!res.ok) throw new TesseraApiError(payload as ProblemDetails);
    return payload as T;
  };
}

/** `?a=1&b=2` of the given values, leaving out those not given; `''` when none is. */
export function queryString(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  return params.size ? `?${params}` : '';
}
