/**
 * Passwords are kept as argon2id hashes (memory-hard, OWASP's first choice) via @node-rs/argon2. A sign-in for
 * an unknown email still verifies against a fixed hash, so timing does not tell which emails exist.
 */
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_RULES = { minLength: 10, maxLength: 256 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password);

let dummy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummy ??= hash('not a password of anyone');
    await verify(await dummy, password);
    return false;
  }
  return verify(stored, password);
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string') return 'must be a string';
  if (password.length < PASSWORD_RULES.minLength)
    return `must have at least ${PASSWORD_RULES.minLength} characters`;
  if (password.length > PASSWORD_RULES.maxLength)
    return `must have at most ${PASSWORD_RULES.maxLength} characters`;
  return undefined;
}
