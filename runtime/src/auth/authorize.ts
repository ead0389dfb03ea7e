/**
 * Authorization for everything that is not a record: it asks the engine's access (the same one the record API
 * asks) whether the principal holds a system permission. The platform-level check (creating workspaces) is
 * the only one decided here.
 */
import type { Access, SystemPermission } from '@tessera/engine';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { HttpError } from '../http/http-error.js';

export const accessOf = (c: Context<AppEnv>): Access =>
  c.get('workspace').accessFor(c.get('principal').subject);

export function requirePermission(c: Context<AppEnv>, permission: SystemPermission): void {
  accessOf(c).requireSystem(permission);
}

export function requirePlatformAdmin(c: Context<AppEnv>): void {
  if (c.get('principal').kind !== 'platform_admin')
    throw new HttpError(403, 'forbidden', 'Forbidden', 'only the platform admin may do this');
}
