/**
 * What an admin writes runs bounded, over HTTP on both dialects: a field's pattern and REGEX run in linear
 * time, formulas stop at their limits with `formula_limit`, and the server answers `/health` within a second
 * while such a write runs. `url` fields and HYPERLINK take only http, https, mailto and tel.
 */
import type { PropertyDocument } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { formula, object, text } from '../../engine/test/documents.js';
import { healthWhile } from '../test/health-while.js';
import { serveForTest, type TestApi } from '../test/server.js';

const number: PropertyDocument = { type: 'number', 'x-tessera': { field: 'number' } };
/** RegExp takes minutes on this value against `^(a+)+$`; so did every workspace on the server. */
const HOSTILE = `${'a'.repeat(40)}!`;

describeEachDialect('admin expressions over HTTP', (env) => {
  let api: TestApi;
  beforeAll(async () => {
    const ws = await env.openForSuite();
    await ws.deploy({
      objects: [
        object('coded', { code: text({ pattern: '^(a+)+$' }) }),
        object('padded', { times: number, padded: formula('LPAD(name, times * 100000000, "x")', 'text') }),
        object('powered', { base: number, huge: formula('(base ^ 999) ^ 60 > 0', 'boolean') }),
        object('ruled', { times: number }),
        object('linked', {
          site: { type: 'string', format: 'uri', 'x-tessera': { field: 'url' } },
          link: formula('HYPERLINK(site, name)', 'text'),
        }),
      ],
      validationRules: [
        {
          kind: 'validation_rule',
          apiName: 'no_as',
          object: 'ruled',
          formula: 'REGEX(name, "(a+)+")',
          message: { en: 'only a' },
        },
        {
          kind: 'validation_rule',
          apiName: 'pad_rule',
          object: 'ruled',
          formula: 'LEN(LPAD(name, times * 100000000, "x")) > 5',
          field: 'times',
          message: { en: 'too long' },
        },
      ],
    });
    api = await serveForTest(ws);
  });
  afterAll(() => api.server.close());

  it('checks a backtracking-prone pattern in linear time, rightly, while /health answers', async () => {
    const { healthMs, response } = await healthWhile(api, () =>
      api.call('POST', '/api/v1/data/coded', { name: 'x', code: HOSTILE }),
    );
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/code', code: 'pattern' })]);
    expect(healthMs).toBeLessThan(1000);
    const fine = await api.call('POST', '/api/v1/data/coded', { name: 'x', code: 'a'.repeat(100) });
    expect(fine.status).toBe(201);
  });

  it('runs REGEX of a validation rule in linear time', async () => {
    const { healthMs, response } = await healthWhile(api, () =>
      api.call('POST', '/api/v1/data/ruled', { name: HOSTILE, times: 0 }),
    );
    expect(response.status).toBe(201);
    expect(healthMs).toBeLessThan(1000);
    const refused = await api.call('POST', '/api/v1/data/ruled', { name: 'aaaa', times: 0 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'rule', rule: 'no_as' })]);
  });

  it('refuses a pattern the engine cannot run, and a rule whose REGEX it cannot run, at deploy', async () => {
    const field = await api.call('POST', '/api/v1/meta/objects/coded/fields', {
      apiName: 'twin',
      schema: { type: 'string', pattern: '^(a)\\1$', 'x-tessera': { field: 'text' } },
    });
    expect(field.status).toBe(422);
    expect(field.body.errors).toEqual([
      expect.objectContaining({
        code: 'unsupported_pattern',
        message: expect.stringContaining('field "twin": the pattern cannot be used'),
      }),
    ]);
    const rule = await api.call('PUT', '/api/v1/meta/validation-rules/ahead', {
      kind: 'validation_rule',
      apiName: 'ahead',
      object: 'ruled',
      formula: 'REGEX(name, "(?=a)a")',
      message: { en: 'x' },
    });
    expect(rule.status).toBe(422);
    expect(rule.body.errors).toEqual([
      expect.objectContaining({ code: 'formula_type', message: expect.stringContaining('lookarounds') }),
    ]);
  });

  it('refuses a stored text past the limit with formula_limit, while /health answers', async () => {
    const { healthMs, response } = await healthWhile(api, () =>
      api.call('POST', '/api/v1/data/padded', { name: 'x', times: 2 }),
    );
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      {
        field: 'padded',
        pointer: '/padded',
        code: 'formula_limit',
        message: 'formula field "padded": the formula makes a text of more than 10000 characters',
      },
    ]);
    expect(healthMs).toBeLessThan(1000);
    expect((await api.call('GET', '/api/v1/data/padded')).body.data).toEqual([]);
    const small = await api.call('POST', '/api/v1/data/padded', { name: 'x', times: 0 });
    expect(small.status).toBe(201);
    expect(small.body.data.padded).toBeNull();
  });

  it('refuses a number past the limit with formula_limit, while /health answers', async () => {
    const { healthMs, response } = await healthWhile(api, () =>
      api.call('POST', '/api/v1/data/powered', { name: 'x', base: 9 }),
    );
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ pointer: '/huge', code: 'formula_limit' }),
    ]);
    expect(healthMs).toBeLessThan(1000);
    const fine = await api.call('POST', '/api/v1/data/powered', { name: 'x', base: 1 });
    expect(fine.status).toBe(201);
    expect(fine.body.data.huge).toBe(true);
  });

  it('refuses a write whose rule goes past a limit with formula_limit naming the rule', async () => {
    const refused = await api.call('POST', '/api/v1/data/ruled', { name: 'x', times: 1 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/times',
        code: 'formula_limit',
        rule: 'pad_rule',
        message: 'rule "pad_rule": the formula makes a text of more than 10000 characters',
      }),
    ]);
  });

  it('refuses a formula whose constant arguments are past a limit at deploy', async () => {
    const field = await api.call('POST', '/api/v1/meta/objects/padded/fields', {
      apiName: 'wide',
      schema: formula('LPAD(name, 200000000, "x")', 'text'),
    });
    expect(field.status).toBe(422);
    expect(field.body.errors).toEqual([expect.objectContaining({ code: 'formula_limit' })]);
  });

  it('takes url values of http, https, mailto and tel only; HYPERLINK links those only', async () => {
    for (const site of [
      'https://x.example/a?b=1',
      'http://x.example',
      'mailto:a@x.example',
      'tel:+8613800000000',
    ]) {
      const made = await api.call('POST', '/api/v1/data/linked', { name: 'n', site });
      expect(made.status, site).toBe(201);
      expect(made.body.data.link).toBe(`<a href="${site}">n</a>`);
    }
    for (const site of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://x.example',
    ]) {
      const refused = await api.call('POST', '/api/v1/data/linked', { name: 'n', site });
      expect(refused.status, site).toBe(422);
      expect(refused.body.errors, site).toEqual([
        expect.objectContaining({ pointer: '/site', code: expect.stringMatching(/^(url_scheme|format)$/) }),
      ]);
    }
    const js = await api.call('POST', '/api/v1/data/linked', { name: 'n', site: 'javascript:alert(1)' });
    expect(js.body.errors[0]).toMatchObject({
      code: 'url_scheme',
      message: 'must be a link of one of the schemes http, https, mailto, tel, not javascript',
    });
    const made = await api.call('POST', '/api/v1/data/linked', { name: 'n', site: 'https://x.example' });
    const patched = await api.call('PATCH', `/api/v1/data/linked/${made.body.data.id}`, {
      site: 'javascript:alert(1)',
    });
    expect(patched.status).toBe(422);
    expect((await api.call('GET', `/api/v1/data/linked/${made.body.data.id}`)).body.data.site).toBe(
      'https://x.example',
    );
  });
});
