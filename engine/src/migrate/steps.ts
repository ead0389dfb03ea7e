/**
 * The steps of a migration plan. A plan is portable (the same on both dialects) and readable: every step
 * carries a sentence for the person who approves it. How a step runs on a dialect is `apply.ts`'s business.
 */
import type { FieldType } from '../fields/field-types.js';

interface ObjectRef {
  objectId: string;
  object: string;
}
interface FieldRef extends ObjectRef {
  fieldId: string;
  field: string;
}

export type MigrationStep = { description: string } & (
  | ({ kind: 'create_object' } & ObjectRef)
  | ({ kind: 'restore_object'; storageName: string } & ObjectRef)
  | ({ kind: 'rename_object'; from: string } & ObjectRef)
  | ({ kind: 'drop_object' } & ObjectRef)
  | ({ kind: 'add_field'; type: FieldType; withDefault: boolean } & FieldRef)
  | ({ kind: 'restore_field'; storageName: string } & FieldRef)
  | ({ kind: 'rename_field'; from: string } & FieldRef)
  | ({ kind: 'change_field'; from: FieldType; to: FieldType } & FieldRef)
  | ({ kind: 'drop_field' } & FieldRef)
  | ({ kind: 'add_index'; unique: boolean } & FieldRef)
  | ({ kind: 'drop_index'; unique: boolean } & FieldRef)
  | ({ kind: 'add_foreign_key'; target: string } & FieldRef)
  | ({ kind: 'drop_foreign_key'; target: string } & FieldRef)
  | ({ kind: 'update_definition' } & ObjectRef)
);

export type StepKind = MigrationStep['kind'];

export interface MigrationPlan {
  /** The version the plan was made against; applying it elsewhere is a conflict. */
  baseVersion: number;
  steps: MigrationStep[];
}

/** Every step kind that changes how data is stored (the others only change definitions). */
export const changesStorage = (step: MigrationStep) => step.kind !== 'update_definition';
