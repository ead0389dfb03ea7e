/**
 * A small router on the History API: the studio has a handful of routes, so a path is matched against them
 * here rather than through a routing library. Links call `navigate`; back and forward just work.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'signIn' }
  | { page: 'home' }
  | { page: 'list'; object: string }
  | { page: 'create'; object: string }
  /** The import wizard of an object's records. */
  | { page: 'import'; object: string }
  | { page: 'record'; object: string; id: string }
  | { page: 'edit'; object: string; id: string }
  | { page: 'setup' }
  | { page: 'history' }
  | { page: 'setupObject'; object: string }
  | { page: 'layoutDesigner'; object: string }
  | { page: 'permissionSets' }
  /** A permission set's editor: `name` absent for a new one. */
  | { page: 'permissionSet'; name?: string }
  | { page: 'roles' }
  /** A role's editor: `name` absent for a new one. */
  | { page: 'role'; name?: string }
  | { page: 'users' }
  /** A user's editor: `id` absent for a new one. */
  | { page: 'user'; id?: string }
  | { page: 'automations' }
  /** An automation's editor: `name` absent for a new one. */
  | { page: 'automation'; name?: string }
  /** The run log: of one automation with `automation`; one run opened with `run`. */
  | { page: 'automationRuns'; automation?: string; run?: string };

const NAME = '([a-z][a-z0-9_]*)';
const ID = '([0-9a-f-]{36})';
const ROUTES: [RegExp, (m: RegExpExecArray) => Route][] = [
  [/^\/sign-in$/, () => ({ page: 'signIn' })],
  [/^\/setup$/, () => ({ page: 'setup' })],
  [/^\/setup\/history$/, () => ({ page: 'history' })],
  [/^\/setup\/permission-sets$/, () => ({ page: 'permissionSets' })],
  [/^\/setup\/permission-sets\/new$/, () => ({ page: 'permissionSet' })],
  [
    new RegExp(`^/setup/permission-sets/${NAME}/edit$`),
    (m) => ({ page: 'permissionSet', name: m[1] as string }),
  ],
  [/^\/setup\/roles$/, () => ({ page: 'roles' })],
  [/^\/setup\/roles\/new$/, () => ({ page: 'role' })],
  [new RegExp(`^/setup/roles/${NAME}/edit$`), (m) => ({ page: 'role', name: m[1] as string })],
  [/^\/setup\/users$/, () => ({ page: 'users' })],
  [/^\/setup\/users\/new$/, () => ({ page: 'user' })],
  [new RegExp(`^/setup/users/${ID}$`), (m) => ({ page: 'user', id: m[1] as string })],
  [/^\/setup\/automations$/, () => ({ page: 'automations' })],
  [/^\/setup\/automations\/new$/, () => ({ page: 'automation' })],
  [new RegExp(`^/setup/automations/${NAME}/edit$`), (m) => ({ page: 'automation', name: m[1] as string })],
  [
    new RegExp(`^/setup/automations/${NAME}/runs$`),
    (m) => ({ page: 'automationRuns', automation: m[1] as string }),
  ],
  [/^\/setup\/automation-runs$/, () => ({ page: 'automationRuns' })],
  [new RegExp(`^/setup/automation-runs/${ID}$`), (m) => ({ page: 'automationRuns', run: m[1] as string })],
  [new RegExp(`^/setup/objects/${NAME}$`), (m) => ({ page: 'setupObject', object: m[1] as string })],
  [
    new RegExp(`^/setup/objects/${NAME}/layout$`),
    (m) => ({ page: 'layoutDesigner', object: m[1] as string }),
  ],
  [new RegExp(`^/o/${NAME}$`), (m) => ({ page: 'list', object: m[1] as string })],
  [new RegExp(`^/o/${NAME}/new$`), (m) => ({ page: 'create', object: m[1] as string })],
  [new RegExp(`^/o/${NAME}/import$`), (m) => ({ page: 'import', object: m[1] as string })],
  [new RegExp(`^/o/${NAME}/${ID}$`), (m) => ({ page: 'record', object: m[1] as string, id: m[2] as string })],
  [
    new RegExp(`^/o/${NAME}/${ID}/edit$`),
    (m) => ({ page: 'edit', object: m[1] as string, id: m[2] as string }),
  ],
];

export function parseRoute(path: string): Route {
  for (const [pattern, make] of ROUTES) {
    const m = pattern.exec(path);
    if (m) return make(m);
  }
  return { page: 'home' };
}

export function pathOf(route: Route): string {
  switch (route.page) {
    case 'signIn':
      return '/sign-in';
    case 'home':
      return '/';
    case 'list':
      return `/o/${route.object}`;
    case 'create':
      return `/o/${route.object}/new`;
    case 'import':
      return `/o/${route.object}/import`;
    case 'record':
      return `/o/${route.object}/${route.id}`;
    case 'edit':
      return `/o/${route.object}/${route.id}/edit`;
    case 'setup':
      return '/setup';
    case 'history':
      return '/setup/history';
    case 'setupObject':
      return `/setup/objects/${route.object}`;
    case 'layoutDesigner':
      return `/setup/objects/${route.object}/layout`;
    case 'permissionSets':
      return '/setup/permission-sets';
    case 'permissionSet':
      return route.name ? `/setup/permission-sets/${route.name}/edit` : '/setup/permission-sets/new';
    case 'roles':
      return '/setup/roles';
    case 'role':
      return route.name ? `/setup/roles/${route.name}/edit` : '/setup/roles/new';
    case 'users':
      return '/setup/users';
    case 'user':
      return route.id ? `/setup/users/${route.id}` : '/setup/users/new';
    case 'automations':
      return '/setup/automations';
    case 'automation':
      return route.name ? `/setup/automations/${route.name}/edit` : '/setup/automations/new';
    case 'automationRuns':
      if (route.run) return `/setup/automation-runs/${route.run}`;
      return route.automation ? `/setup/automations/${route.automation}/runs` : '/setup/automation-runs';
  }
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  for (const l of listeners) l();
});

/**
 * Goes to a route. `state` travels with this history entry (it survives a reload of the tab, not a shared
 * link): a new record's starting values when it is a clone, or a child made from its parent's page.
 */
export function navigate(route: Route, replace = false, state: RouteState | null = null): void {
  const path = pathOf(route);
  if (replace) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
  for (const l of listeners) l();
}

/** What an entry of the history may carry besides its path. */
export interface RouteState {
  /** A new record's starting values. */
  prefill?: Record<string, unknown>;
}

/** The state of the current history entry (see `navigate`). */
export const routeState = (): RouteState => (history.state as RouteState | null) ?? {};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, () => location.pathname);
  return parseRoute(path);
}
