/**
 * A workspace user on a record (the engineer of a work order, an approver): the user's id, a foreign key to the
 * users table. Users are deactivated, never deleted, so the link restricts. A NEW value must be an active user;
 * one a record already holds stays when its user is deactivated, readable, and the record stays editable.
 */
import { USERS } from '../identity/identity-tables.js';
import { recordMessage } from '../model/record-messages.js';
import { uuidColumns } from '../storage/column-type.js';
import { EQUALITY_OPERATORS, type FieldReference, type FieldTypeDef } from './field-type-def.js';

export const USER_ID_DESCRIPTION = 'The id of a user of the workspace (GET /users/lookup names them)';

/** The filter operand that stands for the caller (`{"engineer": {"eq": "me"}}`). */
export const ME = 'me';

/** What others see of a user (an expanded user field, the user picker): enough to name them, never their access. */
export const USER_SUMMARY = {
  columns: ['id', 'name', 'email', 'active'],
  read: (row: Record<string, unknown>) => ({
    id: String(row.id),
    name: row.name,
    email: row.email,
    active: Number(row.active) === 1,
  }),
} as const;

const REFERENCE: FieldReference = {
  table: USERS,
  onDelete: 'restrict',
  mustBeSet: 'active',
  problem: (id, exists) => ({
    code: 'unknown_user',
    message: (locale) =>
      exists ? recordMessage(locale, 'inactiveUser') : recordMessage(locale, 'unknownUser', { id }),
  }),
  // Addresses are stored lower-cased (see identity/users.ts).
  seed: { key: 'email', normalize: (cell) => cell.trim().toLowerCase() },
  summary: USER_SUMMARY,
};

export const user: FieldTypeDef = {
  type: 'user',
  jsonType: () => 'string',
  declaredTypes: ['string'],
  keywords: { format: { const: 'uuid' } },
  options: {},
  generated: false,
  uniqueAllowed: true,
  column: () => uuidColumns,
  // Said in OpenAPI and the generated TypeScript, where a user id looks like any other id.
  valueSchema: () => ({ type: 'string', format: 'uuid', description: USER_ID_DESCRIPTION }),
  normalize: (v) => (v as string).toLowerCase(),
  operators: EQUALITY_OPERATORS,
  reference: () => REFERENCE,
  filterValue: (value, caller) => (value === ME && caller.userId !== null ? caller.userId : value),
};
