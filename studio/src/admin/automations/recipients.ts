/**
 * A notify action's recipients (`to`) as the editor shows them — the owner, roles, users by e-mail, user fields —
 * and back, in the document's order: owner, roles, users, fields.
 */
import type { NotifyRecipient } from './automation-document.js';

export interface Recipients {
  owner: boolean;
  roles: string[];
  /** Users by e-mail. */
  users: string[];
  /** User fields of the record (or lookup paths ending at one). */
  fields: string[];
}

export function recipientsOf(to: readonly NotifyRecipient[]): Recipients {
  const r: Recipients = { owner: false, roles: [], users: [], fields: [] };
  for (const x of to) {
    if ('owner' in x) r.owner = true;
    else if ('role' in x) r.roles.push(x.role);
    else if ('user' in x) r.users.push(x.user);
    else r.fields.push(x.field);
  }
  return r;
}

export const recipientList = (r: Recipients): NotifyRecipient[] => [
  ...(r.owner ? [{ owner: true as const }] : []),
  ...r.roles.map((role) => ({ role })),
  ...r.users.map((user) => ({ user })),
  ...r.fields.map((field) => ({ field })),
];

/** E-mails typed in one box, split at commas, semicolons or spaces; blanks dropped. */
export const typedEmails = (typed: string): string[] =>
  typed
    .split(/[\s,;，；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
