/**
 * The platform admin's token. `TESSERA_ADMIN_TOKEN` fixes it (automation, CI). Otherwise the
 * first start makes one, shows it once and keeps only its hash in the data dir; later starts read the hash.
 * The server never runs open.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashToken, newToken } from './tokens.js';

export interface AdminToken {
  hash: Buffer;
  /** The token itself, only when it was made now and must be shown to the person starting the server. */
  created?: string;
}

export const ADMIN_TOKEN_FILE = 'admin-token.sha256';

export function resolveAdminToken(fromEnv: string | undefined, dataDir: string): AdminToken {
  if (fromEnv) return { hash: hashToken(fromEnv) };
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) return { hash: Buffer.from(readFileSync(file, 'utf8').trim(), 'hex') };
  const created = newToken();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${hashToken(created).toString('hex')}\n`, { mode: 0o600 });
  return { hash: hashToken(created), created };
}
