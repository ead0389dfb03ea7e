/**
 * What the studio's browser tests share: Debian's Chromium (the suites skip, with a note, where it is missing,
 * except under CI=true), a production build of the studio, and a workspace serving it to a browser.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '@tessera/engine';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { serveForTest, type TestApi } from '../runtime/test/server.js';

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

/** A workspace in a temporary data dir, served with a fresh studio build, and a Chromium to drive it. */
export interface StudioRig {
  /** The studio build served. */
  dist: string;
  ws: Workspace;
  api: TestApi;
  browser: Browser;
  /** Closes the browser and the server. */
  close(): Promise<void>;
}

/**
 * Opens a workspace whose first user is an admin (`admin@example.com`, `password`), lets `prepare` give it what
 * the suite needs (objects, more users), and serves it with the studio to a launched Chromium.
 */
export async function startStudio(
  password: string,
  prepare: (ws: Workspace) => Promise<void> = async () => {},
): Promise<StudioRig> {
  const dist = await buildStudio();
  const ws = await Workspace.open({
    dataDir: mkdtempSync(join(tmpdir(), 'tessera-e2e-')),
    workspace: 'default',
  });
  await ws.users.create(
    { email: 'admin@example.com', name: 'Admin', password, admin: true },
    ws.model.documents,
  );
  await prepare(ws);
  const api = await serveForTest(ws, undefined, dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  return {
    dist,
    ws,
    api,
    browser,
    close: async () => {
      await browser.close();
      await api.server.close();
    },
  };
}
