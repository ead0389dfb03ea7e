/**
 * The identity tables of every workspace: users, API tokens, studio sessions, record shares, the audit log
 * and field history. They live beside the records, so a workspace's people never leave its file or schema,
 * and record queries can join them (the sharing rules are SQL, not a list of ids in memory). Their names and
 * rows; the platform migrations (store/migrations/) make and change them.
 */

export const USERS = 'tessera_user';
export const TOKENS = 'tessera_token';
export const SESSIONS = 'tessera_session';
export const SHARES = 'tessera_share';
export const AUDIT = 'tessera_audit';
export const FIELD_HISTORY = 'tessera_field_history';
/** Sign-in attempts per hashed key; only the default workspace's is used, as every process shares it. */
export const SIGN_IN_THROTTLE = 'tessera_sign_in_throttle';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  /** The role's API name; null for a user outside the hierarchy (who reaches only their own records). */
  role: string | null;
  /** JSON array of permission set API names. */
  permission_sets: string;
  /** 1 for a workspace admin: every permission, on everything. */
  admin: number;
  active: number;
  /**
   * No longer read: sign-in attempts are counted per address (`tessera_sign_in_throttle`). The column stays,
   * NOT NULL, so databases made before take inserts as new ones do.
   */
  failed_sign_ins: number;
  /** No longer read, as `failed_sign_ins`. */
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the secret, hex: tokens are never stored. */
  secret_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionRow {
  secret_hash: string;
  user_id: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}
