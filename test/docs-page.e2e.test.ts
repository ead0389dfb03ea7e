/**
 * /docs in a real browser (Debian's Chromium through playwright-core): the API reference renders the caller's
 * own OpenAPI 3.1 document with no error banner, no policy violation and no request leaving the server — for a
 * signed-in studio user through their session, and for anyone else through an API token they enter.
 * Screenshots go to test-results/docs/.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '@tessera/engine';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { object, text } from '../engine/test/documents.js';
import { serveForTest, type TestApi } from '../runtime/test/server.js';

const CHROMIUM = '/usr/bin/chromium';
const unavailable = existsSync(CHROMIUM)
  ? undefined
  : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
if (unavailable && process.env.CI === 'true') throw new Error(`${unavailable}; CI needs it`);
if (unavailable) console.warn(`skipping the /docs browser tests: ${unavailable}`);

const SHOTS = fileURLToPath(new URL('../test-results/docs/', import.meta.url));
const PASSWORD = 'correct horse battery';

describe.skipIf(unavailable !== undefined)('/docs in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    const ws = await Workspace.open({
      dataDir: mkdtempSync(join(tmpdir(), 'tessera-docs-')),
      workspace: 'default',
    });
    await ws.deploy({
      objects: [object('visit', { note: text() }), object('payroll', { amount: text() })],
      permissionSets: [
        { kind: 'permission_set', apiName: 'visits', objects: { visit: { read: true, create: true } } },
      ],
    });
    api = await serveForTest(ws);
    const rep = await api.call('POST', '/api/v1/users', {
      email: 'rep@example.com',
      name: 'Rita Rep',
      password: PASSWORD,
      permissionSets: ['visits'],
    });
    token = (await api.call('POST', '/api/v1/tokens', { name: 'docs', userId: rep.body.data.id })).body.data
      .token;
    browser = await chromium.launch({ executablePath: CHROMIUM });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.server.close();
  });

  /** A page that records what must never happen on /docs: errors, refused content, requests elsewhere. */
  async function watchedPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(api.server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        problems.push(`request elsewhere: ${r.url()}`);
    });
    return { page, problems };
  }

  async function openApiOf(page: Page) {
    const loaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/openapi.json'));
    await page.goto(`${api.server.url}/docs`);
    const response = await loaded;
    expect(response.status()).toBe(200);
    return (await response.json()) as { openapi: string; paths: Record<string, unknown> };
  }

  async function expectRendered(page: Page) {
    await page.getByText('List visit records').first().waitFor({ timeout: 30_000 });
    const body = await page.locator('body').textContent();
    expect(body).not.toMatch(/jsonSchemaDialect|not supported|Unable to render/i);
    expect(body).not.toContain('List payroll records');
  }

  it('a signed-in studio user sees their own API, without a token', async () => {
    const { page, problems } = await watchedPage();
    const signIn = await page.request.post(`${api.server.url}/api/v1/auth/sign-in`, {
      data: { workspace: 'default', email: 'rep@example.com', password: PASSWORD },
    });
    expect(signIn.status()).toBe(200);
    const document = await openApiOf(page);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/data/visit');
    expect(Object.keys(document.paths)).not.toContain('/api/v1/data/payroll');
    expect(await page.locator('#status').textContent()).toContain(
      'Signed in as Rita Rep (workspace default)',
    );
    expect(await page.locator('#token').isVisible()).toBe(false);
    await expectRendered(page);
    await page.screenshot({ path: join(SHOTS, 'signed-in.png') });

    // Trying a request from the page goes with the session cookie.
    await page.getByText('List visit records').first().click();
    await page
      .getByRole('button', { name: /Test Request/ })
      .first()
      .click();
    const tried = page.waitForResponse((r) => /\/api\/v1\/data\/visit(\?|$)/.test(r.url()));
    await page.getByRole('button', { name: /^Send/ }).first().click();
    const answer = await tried;
    expect(answer.status()).toBe(200);
    expect(answer.request().headers().authorization).toBeUndefined();
    await page.screenshot({ path: join(SHOTS, 'signed-in-tried.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('without a session it asks for a token, refuses a bad one, and then shows the token holder’s API', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${api.server.url}/docs`);
    await page.locator('#token').waitFor();
    expect(await page.locator('#status').textContent()).toContain(
      'Sign in to the studio, or enter an API token',
    );
    await page.screenshot({ path: join(SHOTS, 'token-form.png') });

    await page.fill('#t', 'tsr_default.not-a-real-secret');
    await page.click('#token button');
    await page.getByText('That token is not valid').waitFor();

    await page.fill('#t', token);
    const loaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/openapi.json'));
    await page.click('#token button');
    expect((await loaded).status()).toBe(200);
    expect(await page.locator('#status').textContent()).toContain('Using an API token of Rita Rep');
    await expectRendered(page);
    await page.screenshot({ path: join(SHOTS, 'token.png') });
    // The 401s of the bad token are the only errors the page may have logged.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.context().close();
  });
});
