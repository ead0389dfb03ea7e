/**
 * Scenario 1: validating and compiling a large model (200 objects × 40 fields). Must run before anything
 * else in the process calls `validateDocuments`, because the meta-schema is compiled once per process, on
 * first use, and that first cost is reported on its own row.
 */
import { compileModel, type DocumentSet, validateDocuments } from '../src/index.js';
import { syntheticDocuments } from './synthetic-documents.js';
import { ms, type Result, under } from './table.js';
import { medianMs, time } from './timing.js';

const OBJECTS = 200;
const FIELDS = 40;
const COMPILE_TARGET_MS = 1000;

function validate(set: DocumentSet) {
  const issues = validateDocuments(set);
  if (issues.length) throw new Error(`synthetic documents are invalid: ${JSON.stringify(issues[0])}`);
}

export async function compileScenario(): Promise<Result[]> {
  const name = `compile ${OBJECTS}×${FIELDS}`;
  const set = syntheticDocuments(OBJECTS, FIELDS);
  // One small object: its validation cost is negligible beside compiling the meta-schema itself.
  const metaSchema = await time(() => validate(syntheticDocuments(1, 2)));
  // First compile of the process: ajv compiles each distinct field validator (the cache holds only the one above).
  const firstCompile = await time(() => compileModel(set, 1));
  const validateMs = await medianMs(() => validate(set));
  const compileMs = await medianMs(() => compileModel(set, 1));
  const bothMs = await medianMs(() => {
    validate(set);
    compileModel(set, 1);
  });
  return [
    {
      scenario: 'compile: meta-schema, in the first validateDocuments (1 object)',
      measured: ms(metaSchema.ms),
    },
    { scenario: `${name}: validateDocuments (median of 5)`, measured: ms(validateMs) },
    {
      scenario: `${name}: compileModel, first in process`,
      measured: ms(firstCompile.ms),
      target: under(COMPILE_TARGET_MS),
    },
    {
      scenario: `${name}: compileModel (median of 5)`,
      measured: ms(compileMs),
      target: under(COMPILE_TARGET_MS),
    },
    { scenario: `${name}: validate + compile (median of 5)`, measured: ms(bothMs) },
  ];
}
