/**
 * What documents that follow fields from record to record (automations, and later approvals) ask of a field's
 * type: whether it links to another object's record, and whether it names a workspace user.
 */
import type { PropertyDocument } from '../metadata/types.js';
import { isFieldType } from './registry.js';

/** Types whose value is the id of a record of the field's `target` object: paths follow them. */
const RECORD_REFERENCES: ReadonlySet<string> = new Set(['lookup', 'master_detail']);

/** The type whose value is a workspace user's id. Asked of the registry by name, so it counts once it exists. */
const USER_FIELD_TYPE = 'user';

export const isRecordReference = (prop: PropertyDocument): boolean =>
  RECORD_REFERENCES.has(prop['x-tessera'].field);

export const isUserField = (prop: PropertyDocument): boolean =>
  isFieldType(USER_FIELD_TYPE) && prop['x-tessera'].field === USER_FIELD_TYPE;
