/** The automation engine's tables: run history, the durable job queue, job attempts and notifications. */
import { createAutomationTables } from '../../queue/queue-tables.js';
import type { PlatformMigration } from './platform-migration.js';

export const automation: PlatformMigration = { version: 2, name: 'automation', up: createAutomationTables };
