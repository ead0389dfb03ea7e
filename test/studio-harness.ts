/**
 * What the studio's browser tests share: Debian's Chromium (the suites skip, with a note, where it is missing,
 * except under CI=true), a production build of the studio, and a workspace serving it to a browser.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Workspace } from '@tessera/engine';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { serveForTest, type TestApi } from '../runtime/test/server.js';
import { RUN_DIR_VARIABLE } from './global-setup.js';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumUnavailable = existsSync(CHROMIUM)
  ? undefined
  : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
if (chromiumUnavailable && process.env.CI === 'true') throw new Error(`${chromiumUnavailable}; CI needs it`);
if (chromiumUnavailable) console.warn(`skipping the studio's browser tests: ${chromiumUnavailable}`);

/** Builds the studio into `dist`, as `pnpm start` builds it. */
async function buildStudioInto(dist: string): Promise<void> {
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
}

const BUILD_WAIT_MS = 180_000;

/**
 * The studio's production build for this test run, read-only to its callers. The first suite to ask builds it
 * into the run's shared folder (test/global-setup.ts) while the others wait for it; a run without that folder
 * (a file run on its own by another runner) builds into a folder of its own.
 */
export async function buildStudio(): Promise<string> {
  const runDir = process.env[RUN_DIR_VARIABLE];
  if (!runDir) {
    const dist = mkdtempSync(join(tmpdir(), 'tessera-studio-'));
    await buildStudioInto(dist);
    return dist;
  }
  const dist = join(runDir, 'studio');
  const built = join(runDir, 'studio.built');
  const failed = join(runDir, 'studio.failed');
  try {
    mkdirSync(join(runDir, 'studio.lock'));
  } catch {
    // Another suite builds it: wait for its outcome.
    const start = Date.now();
    while (Date.now() - start < BUILD_WAIT_MS) {
      if (existsSync(built)) return dist;
      if (existsSync(failed)) throw new Error(`the studio build failed: ${readFileSync(failed, 'utf8')}`);
      await delay(200);
    }
    throw new Error(`the studio build took longer than ${BUILD_WAIT_MS / 1000} s`);
  }
  try {
    await buildStudioInto(dist);
  } catch (e) {
    writeFileSync(failed, String(e));
    throw e;
  }
  writeFileSync(built, '');
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
