/** The table of per-user record references (migration 0005). */
export const USER_RECORDS = 'tessera_user_record';

export interface UserRecordRow {
  user_id: string;
  kind: string;
  object_id: string;
  record_id: string;
  at: string;
}
