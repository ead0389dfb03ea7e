/**
 * What the studio's browser tests share: Debian's Chromium (the suites skip, with a note, where it is missing,
 * except under CI=true), and a production build of the studio to serve.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumUnavailable = existsSync(CHROMIUM)
  ? undefined
  : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
if (chromiumUnavailable && process.env.CI === 'true') throw new Error(`${chromiumUnavailable}; CI needs it`);
if (chromiumUnavailable) console.warn(`skipping the studio's browser tests: ${chromiumUnavailable}`);

/** Builds the studio into a new temporary folder, as `pnpm start` builds it; answers the folder. */
export async function buildStudio(): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), 'tessera-studio-'));
  // For production, as served (vitest's NODE_ENV=test would make a development build).
  const testEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: fileURLToPath(new URL('../studio/', import.meta.url)),
      logLevel: 'error',
      build: { outDir: dist, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = testEnv;
  }
  return dist;
}
