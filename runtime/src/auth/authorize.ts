/**
 * The one authorization point: every route asks here before it reads or writes, and nowhere else decides.
 * Today the platform admin may do everything; the identity issue fills in roles, object, field and record
 * permissions behind this same signature without touching the routes.
 */
import { HttpError } from '../http/http-error.js';
import type { Principal } from './principal.js';

export type Action = 'read' | 'create' | 'edit' | 'delete' | 'manage_metadata';

export interface Resource {
  object?: string;
}

export function authorize(principal: Principal, action: Action, resource: Resource = {}): void {
  if (principal.kind === 'platform_admin') return;
  throw new HttpError(403, 'forbidden', 'Forbidden', `not allowed to ${action} ${resource.object ?? 'this'}`);
}
