/** Who is calling. Until the identity issue lands, the only principal is the platform admin of the token. */
export interface Principal {
  kind: 'platform_admin';
  /** For created_by / updated_by; null until users exist. */
  userId: string | null;
}
