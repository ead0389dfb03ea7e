/**
 * Once per test run: a folder the run's workers share (they are forked after this and inherit the variable),
 * so work every browser suite needs, such as the studio's production build, is done once per run, not once per
 * file. It is removed when the run ends, so nothing carries over to the next run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_DIR_VARIABLE = 'TESSERA_TEST_RUN_DIR';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-run-'));
  process.env[RUN_DIR_VARIABLE] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
