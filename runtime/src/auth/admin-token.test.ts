import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE, resolveAdminToken } from './admin-token.js';
import { hashToken } from './tokens.js';

describe('admin token', () => {
  it('is made once, shown once, and kept only as a hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-token-'));
    const first = resolveAdminToken(undefined, dir);
    expect(first.created).toMatch(/^tsr_[\w-]{32}$/);
    const stored = readFileSync(join(dir, ADMIN_TOKEN_FILE), 'utf8');
    expect(stored).not.toContain(first.created as string);
    expect(stored.trim()).toBe(hashToken(first.created as string).toString('hex'));
    expect(statSync(join(dir, ADMIN_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    const second = resolveAdminToken(undefined, dir);
    expect(second.created).toBeUndefined();
    expect(second.hash.equals(first.hash)).toBe(true);
    expect(readdirSync(dir)).toEqual([ADMIN_TOKEN_FILE]);
  });

  it('is the environment variable when it is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-token-'));
    const token = resolveAdminToken('from-env', dir);
    expect(token).toEqual({ hash: hashToken('from-env') });
    expect(readdirSync(dir)).toEqual([]);
  });
});
