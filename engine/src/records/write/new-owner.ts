/** Stage (transfers): the record's new owner must be an active user. */
import { activeUser } from '../../identity/users.js';
import { recordMessage } from '../../model/record-messages.js';
import { invalid } from '../record-errors.js';
import type { Target, WriteBatch } from './write-batch.js';

export async function checkNewOwner(batch: WriteBatch): Promise<void> {
  const owner = (batch.target as Target).values.owner_id as string;
  if (!(await activeUser(batch.tx.trx, owner)))
    throw invalid(batch.object, [
      {
        pointer: '/ownerId',
        code: 'unknown_user',
        message: recordMessage(batch.locality.locale, 'ownerInactive'),
      },
    ]);
}
