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
