/**
 * What automations remember about one transaction, keyed by the transaction itself (gone with it): which ran
 * on which record (an automation runs at most once per record per transaction), which the before-save stage
 * found triggered (so the after-save stage records those, even when their own changes made `when` false), and
 * the chain of automations whose queued action is making this transaction's writes.
 */
import type { AnyDb } from '../storage/storage.js';
import type { CompiledAutomation } from './compile-automations.js';

/** An automation found triggered by a record's write. */
export interface Triggered {
  automation: CompiledAutomation;
  /** Why it does nothing (a chain too deep), or undefined when it runs. */
  failed?: string;
}

interface TransactionState {
  ran: Set<string>;
  /**
   * By record and operation (`object/id/update`): what the before-save stage found triggered, taken by the
   * after-save stage. It judges every record created or updated on an object with automations; a record it
   * found nothing for has no entry. A record written twice in one transaction (created, then given an owner)
   * gathers both writes' automations under each operation.
   */
  judged: Map<string, Triggered[]>;
}

const states = new WeakMap<AnyDb, TransactionState>();
const chains = new WeakMap<AnyDb, readonly string[]>();

export const recordKey = (object: string, id: unknown): string => `${object}/${String(id)}`;

export const writeKey = (object: string, id: unknown, operation: string): string =>
  `${recordKey(object, id)}/${operation}`;

export function stateOf(trx: AnyDb): TransactionState {
  let state = states.get(trx);
  if (!state) {
    state = { ran: new Set(), judged: new Map() };
    states.set(trx, state);
  }
  return state;
}

/** Claims the one run of `automation` on a record in this transaction: false when it already ran. */
export function claimRun(trx: AnyDb, automation: string, record: string): boolean {
  const { ran } = stateOf(trx);
  const key = `${automation}\u0000${record}`;
  if (ran.has(key)) return false;
  ran.add(key);
  return true;
}

/** Says which automations' queued actions make the writes of `trx` (`a → b`), for the run history. */
export function setChain(trx: AnyDb, chain: readonly string[]): void {
  chains.set(trx, chain);
}

export const chainOf = (trx: AnyDb): readonly string[] => chains.get(trx) ?? [];
