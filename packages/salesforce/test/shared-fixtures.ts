/**
 * The shared fixtures (`<repo root>/../shared/fixtures`): beside the repository in a checkout, at
 * /work/shared from a worktree elsewhere.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CANDIDATES = [join(ROOT, '..', 'shared', 'fixtures'), '/work/shared/fixtures'];

export function sharedFixture(...parts: string[]): string {
  const base = CANDIDATES.find((dir) => existsSync(dir));
  if (!base) throw new Error(`no shared fixtures at ${CANDIDATES.join(' or ')}`);
  return join(base, ...parts);
}
