/**
 * Sign-in throttling and session hardening over HTTP: attempts counted before the password check (fired
 * concurrently, and across two servers on one database), unknown emails answered like real ones, a victim
 * never locked out from their own address, CSRF on sign-out and in every tab, `Origin` on session writes,
 * `Secure` behind a trusted proxy, password changes and reactivation. The servers trust a proxy, so each test
 * plays clients at addresses of its own (`X-Forwarded-For`).
 */
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, type Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const PASSWORD = 'correct horse battery';
const tally = (answers: TestResponse[]) => {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
};

describeEachDialect('sign-in and sessions', (env) => {
  let api: TestApi;
  let ws: Workspace;
  let address = 0;
  /** A client address of its own for each test. */
  const newAddress = () => `198.51.100.${++address}`;
  const signIn = (server: TestApi, from: string, email: string, password: string, extra = {}) =>
    server.call(
      'POST',
      '/api/v1/auth/sign-in',
      { workspace: 'default', email, password },
      { authorization: '', 'x-forwarded-for': `203.0.113.9, ${from}`, ...extra },
    );
  const newUser = async (email: string) => {
    const made = await api.call('POST', '/api/v1/users', { email, password: PASSWORD, admin: true });
    expect(made.status).toBe(201);
    return made.body.data.id as string;
  };
  /** Signs in from a fresh address; the cookie and CSRF token of the new session. */
  const sessionOf = async (email: string, password = PASSWORD) => {
    const res = await signIn(api, newAddress(), email, password);
    expect(res.status).toBe(200);
    return {
      headers: {
        authorization: '',
        cookie: (res.headers.get('set-cookie') as string).split(';')[0] as string,
      },
      csrf: res.body.data.csrfToken as string,
    };
  };

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy({ objects: [object('account', {})] });
    api = await serveForTest(ws, undefined, undefined, { trustProxy: true });
  });
  afterAll(() => api.server.close());

  it('concurrent wrong sign-ins from one address: no more are checked than the address limit', async () => {
    const from = newAddress();
    const answers = await Promise.all(
      Array.from({ length: ADDRESS_LIMIT.attempts * 3 }, (_, i) =>
        signIn(api, from, `sprayed${i}@example.com`, 'a wrong password'),
      ),
    );
    expect(tally(answers)).toEqual({ 401: ADDRESS_LIMIT.attempts, 429: ADDRESS_LIMIT.attempts * 2 });
    const refused = answers.find((a) => a.status === 429) as TestResponse;
    expect(refused.body.code).toBe('sign_in_locked');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('concurrent guesses at one account are checked at most five times; the owner still signs in from their own address', async () => {
    await newUser('guessed@example.com');
    const attacker = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => signIn(api, attacker, 'guessed@example.com', `guess number ${i}`)),
    );
    expect(tally(answers)).toEqual({ 401: ACCOUNT_LIMIT.attempts, 429: 24 - ACCOUNT_LIMIT.attempts });
    // The 25th attempt, with the right password, is not checked at all from that address.
    expect((await signIn(api, attacker, 'guessed@example.com', PASSWORD)).status).toBe(429);
    expect((await signIn(api, newAddress(), 'guessed@example.com', PASSWORD)).status).toBe(200);
  });

  it('two servers on one database count the same attempts', async () => {
    await newUser('shared@example.com');
    const second = await serveForTest(await env.reopen(ws), undefined, undefined, { trustProxy: true });
    try {
      const from = newAddress();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          signIn(i % 2 ? second : api, from, 'shared@example.com', `guess number ${i}`),
        ),
      );
      expect(tally(answers)).toEqual({ 401: ACCOUNT_LIMIT.attempts, 429: 20 - ACCOUNT_LIMIT.attempts });
    } finally {
      await second.server.close();
    }
  });

  it('an unknown email is answered exactly as a known one, attempt by attempt', async () => {
    await newUser('known@example.com');
    const answersFor = async (email: string) => {
      const from = newAddress();
      const seen: string[] = [];
      for (let i = 0; i <= ACCOUNT_LIMIT.attempts; i++) {
        const res = await signIn(api, from, email, 'not the password');
        seen.push(`${res.status} ${res.body.code} ${res.headers.has('retry-after')}`);
      }
      return seen;
    };
    const known = await answersFor('known@example.com');
    expect(known).toEqual([
      ...Array(ACCOUNT_LIMIT.attempts).fill('401 sign_in_failed false'),
      '429 sign_in_locked true',
    ]);
    expect(await answersFor('unknown@example.com')).toEqual(known);
  });

  it('a right password gives its attempt back: one address signs in many times', async () => {
    await newUser('often@example.com');
    const from = newAddress();
    for (let i = 0; i < ADDRESS_LIMIT.attempts + 5; i++)
      expect((await signIn(api, from, 'often@example.com', PASSWORD)).status).toBe(200);
  });

  it('every tab of a session reads its CSRF token from /auth/me; a bearer call has none', async () => {
    await newUser('tabs@example.com');
    const { headers, csrf } = await sessionOf('tabs@example.com');
    // Another tab: the same cookie, nothing kept from the sign-in answer.
    const me = await api.call('GET', '/api/v1/auth/me', undefined, headers);
    expect(me.body.data.csrfToken).toBe(csrf);
    const saved = await api.call(
      'POST',
      '/api/v1/data/account',
      { name: 'From tab two' },
      { ...headers, 'x-csrf-token': me.body.data.csrfToken },
    );
    expect(saved.status).toBe(201);
    expect((await api.call('GET', '/api/v1/auth/me')).body.data.csrfToken).toBeNull();
  });

  it('a session write from a foreign Origin is refused; our own Origin and bearer calls pass', async () => {
    await newUser('origin@example.com');
    const { headers, csrf } = await sessionOf('origin@example.com');
    const write = (extra: Record<string, string>) =>
      api.call(
        'POST',
        '/api/v1/data/account',
        { name: 'Origin test' },
        { ...headers, 'x-csrf-token': csrf, ...extra },
      );
    // Nor may another site sign a browser in (into the attacker's account).
    const planted = await signIn(api, newAddress(), 'origin@example.com', PASSWORD, {
      origin: 'https://evil.example',
    });
    expect([planted.status, planted.body.code, planted.headers.get('set-cookie')]).toEqual([
      403,
      'foreign_origin',
      null,
    ]);
    const foreign = await write({ origin: 'https://evil.example' });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'foreign_origin']);
    expect((await write({ origin: 'null' })).status).toBe(403);
    expect((await write({ origin: api.server.url })).status).toBe(201);
    const signOut = await api.call('POST', '/api/v1/auth/sign-out', undefined, {
      ...headers,
      'x-csrf-token': csrf,
      origin: 'https://evil.example',
    });
    expect(signOut.status).toBe(403);
    expect((await api.call('GET', '/api/v1/auth/me', undefined, headers)).status).toBe(200);
    const bearer = await api.call(
      'POST',
      '/api/v1/data/account',
      { name: 'Script' },
      { origin: 'https://evil.example' },
    );
    expect(bearer.status).toBe(201);
    const count = await api.call(
      'GET',
      '/api/v1/data/account?filter=%7B%22name%22%3A%7B%22eq%22%3A%22Origin%20test%22%7D%7D',
    );
    expect(count.body.data).toHaveLength(1);
  });

  it('the cookie is Secure when a trusted proxy says the client came over HTTPS, and only then', async () => {
    await newUser('secure@example.com');
    const secure = await signIn(api, newAddress(), 'secure@example.com', PASSWORD, {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'crm.example.com',
    });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);
    const plain = await signIn(api, newAddress(), 'secure@example.com', PASSWORD);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    // Without a trusted proxy the header is anybody's, and counts for nothing.
    const direct = await serveForTest(await env.reopen(ws));
    try {
      const res = await direct.call(
        'POST',
        '/api/v1/auth/sign-in',
        { workspace: 'default', email: 'secure@example.com', password: PASSWORD },
        { authorization: '', 'x-forwarded-proto': 'https' },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
    } finally {
      await direct.server.close();
    }
  });

  it('changing your own password keeps your session and ends your others', async () => {
    const id = await newUser('changer@example.com');
    const here = await sessionOf('changer@example.com');
    const elsewhere = await sessionOf('changer@example.com');
    const changed = await api.call(
      'PATCH',
      `/api/v1/users/${id}`,
      { password: 'a brand new password' },
      { ...here.headers, 'x-csrf-token': here.csrf },
    );
    expect(changed.status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', undefined, here.headers)).status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', undefined, elsewhere.headers)).status).toBe(401);
    expect((await signIn(api, newAddress(), 'changer@example.com', 'a brand new password')).status).toBe(200);
    // Someone else changing it ends every session.
    expect((await api.call('PATCH', `/api/v1/users/${id}`, { password: PASSWORD })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', undefined, here.headers)).status).toBe(401);
  });

  it('reactivating a user brings back none of the tokens and sessions deactivation ended', async () => {
    const id = await newUser('returner@example.com');
    const token = (await api.call('POST', '/api/v1/tokens', { name: 't', userId: id })).body.data.token;
    const { headers } = await sessionOf('returner@example.com');
    const withToken = { authorization: `Bearer ${token}` };
    expect((await api.call('GET', '/api/v1/auth/me', undefined, withToken)).status).toBe(200);
    expect((await api.call('PATCH', `/api/v1/users/${id}`, { active: false })).status).toBe(200);
    expect((await api.call('PATCH', `/api/v1/users/${id}`, { active: true })).body.data.active).toBe(true);
    expect((await api.call('GET', '/api/v1/auth/me', undefined, withToken)).status).toBe(401);
    expect((await api.call('GET', '/api/v1/auth/me', undefined, headers)).status).toBe(401);
    const listed = (await api.call('GET', '/api/v1/tokens')).body.data.find(
      (t: { userId: string }) => t.userId === id,
    );
    expect(listed.revokedAt).not.toBeNull();
    // They sign in again afresh.
    expect((await signIn(api, newAddress(), 'returner@example.com', PASSWORD)).status).toBe(200);
  });
});
