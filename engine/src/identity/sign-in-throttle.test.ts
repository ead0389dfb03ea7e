/** Sign-in throttling on each dialect: atomic counts under concurrency, windows that end, and refunds. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, SignInThrottle } from './sign-in-throttle.js';

const attempt = (address: string, email = 'someone@example.com') => ({
  address,
  workspace: 'default',
  email,
});

describeEachDialect('sign-in throttle', (env) => {
  it('counts concurrent attempts atomically: exactly the limit are let through', async () => {
    const ws = await env.open();
    const throttle = new SignInThrottle(ws.storage.db);
    const waits = await Promise.all(Array.from({ length: 40 }, () => throttle.admit(attempt('10.0.0.1'))));
    expect(waits.filter((w) => w === 0)).toHaveLength(ACCOUNT_LIMIT.attempts);
    // Another handle on the same database, as another process: the same count.
    const other = new SignInThrottle((await env.reopen(ws)).storage.db);
    expect(await other.admit(attempt('10.0.0.1'))).toBeGreaterThan(0);
  });

  it('a window ends: the address may try the account again, counted afresh', async () => {
    const ws = await env.open();
    const throttle = new SignInThrottle(ws.storage.db);
    const start = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < ACCOUNT_LIMIT.attempts; i++)
      expect(await throttle.admit(attempt('10.0.0.2'), start)).toBe(0);
    const later = new Date(start.getTime() + 60_000);
    expect(await throttle.admit(attempt('10.0.0.2'), later)).toBe((ACCOUNT_LIMIT.windowMs - 60_000) / 1000);
    // The same address at another account, and another address at this one, are not held back.
    expect(await throttle.admit(attempt('10.0.0.2', 'other@example.com'), later)).toBe(0);
    expect(await throttle.admit(attempt('10.0.0.3'), later)).toBe(0);
    const afterWindow = new Date(start.getTime() + ACCOUNT_LIMIT.windowMs + 1);
    expect(await throttle.admit(attempt('10.0.0.2'), afterWindow)).toBe(0);
  });

  it('a success starts the account over and gives the address its attempt back', async () => {
    const ws = await env.open();
    const throttle = new SignInThrottle(ws.storage.db);
    for (let i = 0; i < ADDRESS_LIMIT.attempts; i++) {
      const a = attempt('10.0.0.4', `user${i % 3}@example.com`);
      expect(await throttle.admit(a)).toBe(0);
      await throttle.succeeded(a);
    }
    expect(await throttle.admit(attempt('10.0.0.4', 'user0@example.com'))).toBe(0);
    const rows = await ws.storage.db.selectFrom('tessera_sign_in_throttle').selectAll().execute();
    // Hashes only: neither the address nor the email is stored.
    expect(JSON.stringify(rows)).not.toMatch(/10\.0\.0\.4|example\.com/);
  });
});
