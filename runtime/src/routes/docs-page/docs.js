/**
 * The /docs page: finds who the caller is (the studio's session cookie, else an API token kept in this tab),
 * loads their own OpenAPI document — per user: only what they may reach — and hands it to the API reference.
 * Requests tried from the page go with the session (and its CSRF token on changes) or with the token.
 */
const KEY = 'tessera-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const status = document.getElementById('status');
const form = document.getElementById('token');
const forget = document.getElementById('forget');

form.addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(KEY, form.elements.t.value.trim());
  location.reload();
});
forget.addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  location.reload();
});

async function me(headers) {
  const res = await fetch('/api/v1/auth/me', { headers, credentials: 'same-origin' });
  return res.ok ? (await res.json()).data : null;
}

async function start() {
  const token = sessionStorage.getItem(KEY);
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const caller = await me(headers);
  if (!caller) {
    form.hidden = false;
    status.textContent = token
      ? 'That token is not valid (revoked or expired?). Enter another API token, or sign in to the studio.'
      : 'Sign in to the studio, or enter an API token of this workspace, to see its API.';
    return;
  }
  const who = caller.user ? `${caller.user.name || caller.user.email}` : 'the platform admin';
  status.textContent = `${token ? 'Using an API token of' : 'Signed in as'} ${who} (workspace ${caller.workspace}): requests you try here are made as ${token ? 'that token' : 'you'}.`;
  forget.hidden = !token;
  const res = await fetch('/api/v1/openapi.json', { headers, credentials: 'same-origin' });
  if (!res.ok) {
    status.textContent = `The API description could not be loaded (${res.status}).`;
    return;
  }
  window.Scalar.createApiReference('#ui', {
    content: await res.json(),
    baseServerURL: location.origin,
    // Nothing leaves this server: no web fonts, telemetry, hosted client, AI agent (it searches a hosted
    // registry) or developer toolbar.
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: true,
    agent: { disabled: true },
    showDeveloperTools: 'never',
    ...(token ? { authentication: { preferredSecurityScheme: 'bearer', http: { bearer: { token } } } } : {}),
    onBeforeRequest: ({ request }) => {
      if (token) return;
      // With the session, an empty bearer field must not become a header (the server would refuse it).
      if (!/^Bearer\s+\S+$/i.test(request.headers.get('authorization') ?? ''))
        request.headers.delete('authorization');
      if (caller.csrfToken && !SAFE.has(request.method))
        request.headers.set('x-csrf-token', caller.csrfToken);
    },
  });
}

start().catch((e) => {
  status.textContent = `The API reference could not start: ${e.message}`;
});
