/**
 * The role editor's answers and the document they make (`kind: "role"`), and the hierarchy as a tree: each role
 * under its parent, and the parents a role may take (never itself nor one of its descendants, which would make
 * the hierarchy loop). Pure, so what the editor sends is tested against the engine's own validation.
 */
import type { LocalizedText, RoleDocument } from '@tessera/engine/types';

export interface RoleAnswers {
  apiName: string;
  labelEn: string;
  labelZh: string;
  /** The parent's API name; blank for a role at the top. */
  parent: string;
}

export const ROLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export const rolePath = (name: string) => `/meta/roles/${name}`;

export const blankRole = (): RoleAnswers => ({ apiName: '', labelEn: '', labelZh: '', parent: '' });

export const roleAnswersOf = (doc: RoleDocument): RoleAnswers => ({
  apiName: doc.apiName,
  labelEn: doc.label?.en ?? '',
  labelZh: doc.label?.['zh-CN'] ?? '',
  parent: doc.parent ?? '',
});

/**
 * The role the answers say: the API name, the labels given, the parent when one is chosen. What the editor does
 * not show of an existing role (its description, its label in other languages) is kept.
 */
export function roleDocument(a: RoleAnswers, existing?: RoleDocument): RoleDocument {
  const { en: _, 'zh-CN': __, ...otherLanguages } = existing?.label ?? {};
  const en = a.labelEn.trim();
  const zh = a.labelZh.trim();
  const label: LocalizedText = { ...otherLanguages, ...(en ? { en } : {}), ...(zh ? { 'zh-CN': zh } : {}) };
  return {
    kind: 'role',
    apiName: a.apiName.trim(),
    ...(Object.keys(label).length ? { label } : {}),
    ...(existing?.description ? { description: existing.description } : {}),
    ...(a.parent ? { parent: a.parent } : {}),
  };
}

/** Whether the answers can be reviewed: a valid API name and a label in at least one language. */
export const canReviewRole = (a: RoleAnswers): boolean =>
  ROLE_NAME.test(a.apiName.trim()) && (a.labelEn.trim() !== '' || a.labelZh.trim() !== '');

/** One role in the tree, with the roles that report to it. */
export interface RoleNode {
  role: RoleDocument;
  children: RoleNode[];
}

/**
 * The hierarchy as a tree: roles without a parent (or whose parent is gone) at the top, each other role under
 * its parent, siblings in `compare` order (API name by default). A role caught in a loop, which the server never
 * stores, still shows, at the top.
 */
export function roleTree(
  roles: readonly RoleDocument[],
  compare: (x: RoleDocument, y: RoleDocument) => number = (x, y) => x.apiName.localeCompare(y.apiName),
): RoleNode[] {
  const names = new Set(roles.map((r) => r.apiName));
  const placed = new Set<string>();
  const sorted = [...roles].sort(compare);
  const grow = (role: RoleDocument): RoleNode => {
    placed.add(role.apiName);
    return {
      role,
      children: sorted.filter((r) => r.parent === role.apiName && !placed.has(r.apiName)).map((r) => grow(r)),
    };
  };
  const tops = sorted
    .filter((r) => !r.parent || !names.has(r.parent) || r.parent === r.apiName)
    .map((r) => grow(r));
  // Whatever is left loops on itself: shown at the top, so it can be mended.
  for (const r of sorted) if (!placed.has(r.apiName)) tops.push(grow(r));
  return tops;
}

/** The tree depth first, each role with its depth (0 at the top): the order the page and the picker show. */
export function flattenTree(tree: readonly RoleNode[], depth = 0): { role: RoleDocument; depth: number }[] {
  return tree.flatMap((node) => [{ role: node.role, depth }, ...flattenTree(node.children, depth + 1)]);
}

/** Every role below `name`, however far down. */
export function descendantsOf(roles: readonly RoleDocument[], name: string): Set<string> {
  const below = new Set<string>();
  let frontier = [name];
  while (frontier.length) {
    const next = roles
      .filter((r) => r.parent && frontier.includes(r.parent) && !below.has(r.apiName) && r.apiName !== name)
      .map((r) => r.apiName);
    for (const n of next) below.add(n);
    frontier = next;
  }
  return below;
}

/**
 * The parents a role may take, in tree order with their depth: every other role except its descendants. A new
 * role (`name` blank) may take any.
 */
export function parentChoices(
  roles: readonly RoleDocument[],
  name: string,
  compare?: (x: RoleDocument, y: RoleDocument) => number,
): { role: RoleDocument; depth: number }[] {
  const barred = name ? descendantsOf(roles, name).add(name) : new Set<string>();
  return flattenTree(roleTree(roles, compare)).filter(({ role }) => !barred.has(role.apiName));
}
