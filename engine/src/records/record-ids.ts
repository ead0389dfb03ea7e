/**
 * Record ids: UUIDv7 from the `uuidv7` library, so ids sort by creation time (index locality, stable cursors)
 * and stay unguessable. Its default random source refills an eight-word buffer from the OS every two ids;
 * bulk inserts make ids by the hundred thousand, so this generator draws from a larger buffer.
 */
import { webcrypto } from 'node:crypto';
import { V7Generator } from 'uuidv7';

class BufferedRandom {
  readonly #buffer = new Uint32Array(4096);
  #cursor = this.#buffer.length;

  nextUint32(): number {
    if (this.#cursor >= this.#buffer.length) {
      webcrypto.getRandomValues(this.#buffer);
      this.#cursor = 0;
    }
    return this.#buffer[this.#cursor++] as number;
  }
}

const generator = new V7Generator(new BufferedRandom());

export const newRecordId = (): string => generator.generate().toString();

// Ids for rows stamped with a time of their own (the queue's, whose clock tests move): a generator of their
// own, so a clock that jumps back and forth never disturbs the order of record ids.
const stamped = new V7Generator(new BufferedRandom());

/** An id made at `ms` (milliseconds since the epoch), so ordering by id orders by that time. */
export const recordIdAt = (ms: number): string =>
  stamped.generateOrResetCore(Math.max(0, Math.floor(ms)), 10_000).toString();

/** The smallest id made at or after `ms` (milliseconds since the epoch): ids below it were all made earlier. */
export function firstIdAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
