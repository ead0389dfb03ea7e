import { randomBytes } from 'node:crypto';

/** A password made up for a person to type once and then change: 16 characters, 96 random bits. */
export const newPassword = (): string => randomBytes(12).toString('base64url');
