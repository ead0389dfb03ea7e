/** The record API's refusals, shared by its reads and the write pipeline's stages. */
import { type Issue, TesseraError } from '../errors.js';
import type { CompiledObject } from '../model/compiled-model.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stays under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535). */
export const MAX_PARAMETERS = 30_000;

export const invalid = (object: CompiledObject, issues: Issue[]) =>
  new TesseraError('validation_failed', `the ${object.apiName} record is not valid`, issues);

export const notFound = (object: CompiledObject, id: string) =>
  new TesseraError('record_not_found', `no ${object.apiName} record has id "${id}"`, [], {
    object: object.apiName,
    id,
  });
