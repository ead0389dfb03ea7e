/**
 * `ws.imports`: the import jobs of one workspace (see import-types.ts). Placeholder until the runner lands:
 * the shapes are final, the calls refuse.
 */
import { TesseraError } from '../errors.js';
import type { ImportJobs, ImportRunnerControl } from './import-types.js';

const pending = (): never => {
  throw new TesseraError('invalid_import', 'imports are not available yet');
};

export class WorkspaceImports implements ImportJobs {
  start = pending;
  get = pending;
  errorsCsv = pending;
  cancel = pending;
  preview = pending;
  run = pending;
  runner = (): ImportRunnerControl => pending();
}
