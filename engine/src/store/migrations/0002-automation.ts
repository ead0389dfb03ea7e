/**
 * The automation engine's tables: run history, the durable job queue, job attempts and notifications, and the
 * evaluator's own state (when each schedule last fired, whom each round-robin gave the last record).
 */
import { createAutomationStateTables } from '../../automations/automation-tables.js';
import { createAutomationTables } from '../../queue/queue-tables.js';
import type { PlatformMigration } from './platform-migration.js';

export const automation: PlatformMigration = {
  version: 2,
  name: 'automation',
  up: async (db, dialect) => {
    await createAutomationTables(db, dialect);
    await createAutomationStateTables(db);
  },
};
