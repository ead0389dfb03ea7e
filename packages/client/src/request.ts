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

/**
 * A call whose body and answer are not JSON (an uploaded file, a streamed export): the answer as it came, once
 * it is a success; a refusal is thrown as for `Call`.
 */
export type Send = (method: string, path: string, body?: RequestInit['body']) => Promise<Response>;

export interface Requests {
  call: Call;
  send: Send;
  /** The full URL of an API path, for what a browser fetches itself (a download link). */
  url(path: string): string;
}

async function refusal(res: Response): Promise<TesseraApiError> {
  const payload = await res.json().catch(() => ({
    type: 'about:blank',
    title: res.statusText,
    status: res.status,
    detail: res.statusText,
    code: 'error',
  }));
  return new TesseraApiError(payload as ProblemDetails);
}

export function makeRequests(options: ClientOptions): Requests {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const base = `${options.baseUrl.replace(/\/$/, '')}/api/v1`;
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const call: Call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetchFn(`${base}${path}`, {
      method,
      headers: {
        ...auth,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 204) return undefined as T;
    if (!res.ok) throw await refusal(res);
    return (await res.json()) as T;
  };
  const send: Send = async (method, path, body) => {
    // A FormData body sets its own content type (with the multipart boundary).
    const res = await fetchFn(`${base}${path}`, { method, headers: auth, ...(body ? { body } : {}) });
    if (!res.ok) throw await refusal(res);
    return res;
  };
  return { call, send, url: (path) => `${base}${path}` };
}

/** `?a=1&b=2` of the given values, leaving out those not given; `''` when none is. */
export function queryString(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  return params.size ? `?${params}` : '';
}
