/**
 * Checks the studio's browser tests make of any page: nothing wider than the screen, touch targets, what
 * axe-core finds, and the size of the JavaScript a first visit loads.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/**
 * Elements that stick out of the viewport, as `tag.class` names (empty when none): any element whose box
 * reaches beyond the right edge, unless a scrolling or clipping container holds it (a wide table scrolling in
 * its own card is not the page scrolling sideways); and the page itself scrolling sideways.
 */
// The checks run in the page, as source text: the tests' own TypeScript knows nothing of the DOM.
const WIDER_THAN_VIEWPORT = `(() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  if (document.documentElement.scrollWidth > width)
    out.push('page scrolls to ' + document.documentElement.scrollWidth + 'px');
  for (const el of document.body.querySelectorAll('*')) {
    // What is not shown (a closed details' content, display: none) cannot stick out.
    if (!el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !clipped(el))
      out.push(name(el) + ' ' + Math.round(r.left) + '→' + Math.round(r.right));
  }
  return out;
})()`;

/**
 * Elements that stick out of the viewport, as `tag#id.class` names with their extent (none when all fit): any
 * element whose box reaches beyond an edge, unless a scrolling or clipping container holds it (a wide table
 * scrolling in its own card is not the page scrolling sideways); and the page itself scrolling sideways.
 */
export async function widerThanViewport(page: Page): Promise<string[]> {
  return (await page.evaluate(WIDER_THAN_VIEWPORT)) as string[];
}

const SMALL_TARGETS = (least: number) => `(() => {
  const out = [];
  const targets = 'button, select, [role=menuitem], input:not([type=checkbox]):not([type=radio]):not([type=hidden])';
  for (const el of document.querySelectorAll(targets)) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.height < ${least} - 0.5)
      out.push(el.tagName.toLowerCase() + ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30) + '" ' + Math.round(r.height) + 'px');
  }
  return out;
})()`;

/** Visible buttons, selects, menu items and text inputs lower than `min` pixels (checkboxes and radios aside). */
export async function smallTargets(page: Page, min = 44): Promise<string[]> {
  return (await page.evaluate(SMALL_TARGETS(min))) as string[];
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/**
 * What axe-core finds on the page that is serious or critical, as `rule: target` lines. The studio's Content
 * Security Policy refuses injected scripts: open the page with `bypassCSP: true`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(
    'window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/**
 * The JavaScript a first visit loads, gzipped, in bytes: the entry script of the built index.html and the
 * chunks it preloads (what `React.lazy` splits off is loaded only when its page is opened).
 */
export function initialScriptBytes(dist: string): { files: string[]; gzipped: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { files, gzipped };
}
