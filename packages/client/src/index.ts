export type {
  BulkItemResult,
  ClientOptions,
  ListQuery,
  ListResult,
  ObjectClient,
  ObjectShape,
  ObjectTypes,
  TesseraClient,
} from './client.js';
export { createClient } from './client.js';
export type { ProblemDetails } from './problem-error.js';
export { TesseraApiError } from './problem-error.js';
