/**
 * The order objects are loaded in: a record's parents before it, so its lookups name records that exist. A
 * lookup to the record's own object (Account.ParentId) or inside a cycle of objects (A → B → A) cannot be
 * satisfied by an order: it is left empty in the first pass and filled in a second pass, once every record of
 * the cycle exists. A required lookup cannot be left empty, so the order follows required lookups always; a
 * cycle made only of required lookups cannot be loaded at all.
 */
import { SalesforceDataError } from './data-errors.js';

export interface LookupEdge {
  /** The object whose field it is. */
  from: string;
  field: string;
  /** The object the field's value names. */
  to: string;
  required: boolean;
}

export interface LoadOrder {
  /** Every object, parents first. */
  objects: string[];
  /** Per object, the lookups filled in the second pass. */
  deferred: Map<string, string[]>;
}

/** Strongly connected components (Tarjan), each a set of objects that reach each other through lookups. */
function components(nodes: readonly string[], edges: readonly LookupEdge[]): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let counter = 0;
  let count = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of out.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next))
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
    }
    if (low.get(node) === index.get(node)) {
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.set(member, count);
      } while (member !== node);
      count++;
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return component;
}

/**
 * Parents first (a depth-first post-order over the edges kept), ties in the given order. Edges inside a cycle
 * that are not required are deferred; what remains must be acyclic.
 */
export function loadOrder(objects: readonly string[], edges: readonly LookupEdge[]): LoadOrder {
  const known = new Set(objects);
  const relevant = edges.filter((e) => known.has(e.from) && known.has(e.to));
  const component = components(objects, relevant);
  const deferred = new Map<string, string[]>();
  const kept: LookupEdge[] = [];
  for (const e of relevant) {
    if (component.get(e.from) === component.get(e.to) && !e.required)
      deferred.set(e.from, [...(deferred.get(e.from) ?? []), e.field]);
    else kept.push(e);
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting')
      throw new SalesforceDataError(
        'required_lookup_cycle',
        `objects need each other through required lookups (${[...path.slice(path.indexOf(node)), node].join(' → ')}): no order can load them`,
      );
    state.set(node, 'visiting');
    for (const e of kept) if (e.from === node) visit(e.to, [...path, node]);
    state.set(node, 'done');
    order.push(node);
  };
  for (const node of objects) visit(node, []);
  return { objects: order, deferred };
}
