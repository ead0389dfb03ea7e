/** The studio: sign-in, then the generated app, page by page as the route says. */

import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { RecordData } from '../api/types.js';
import { describeAll, describeObject, useLoad, useMetadataRound } from '../api/use-api.js';
import { SignIn } from '../auth/SignIn.js';
import { useSession } from '../auth/session.js';
import { HomePage } from '../home/HomePage.js';
import { useI18n } from '../i18n/i18n.js';
import { ListPage } from '../records/ListPage.js';
import { NameFields } from '../records/lookup.js';
import { RecordPage } from '../records/RecordPage.js';
import { Shell } from '../shell/Shell.js';
import { navigate, type Route, routeState, useRoute } from './router.js';

/**
 * Setup (the admin pages, the layout designer, automations, the run log) and the import wizard load when first
 * opened: most sessions never go there, and the end user's first load stays small (≤ 300 KB gzipped, checked
 * by test/initial-bundle.test.ts).
 */
const SetupPage = lazy(() => import('../admin/SetupPage.js').then((m) => ({ default: m.SetupPage })));
const HistoryPage = lazy(() => import('../admin/HistoryPage.js').then((m) => ({ default: m.HistoryPage })));
const LayoutDesigner = lazy(() =>
  import('../admin/LayoutDesigner.js').then((m) => ({ default: m.LayoutDesigner })),
);
const ObjectSetupPage = lazy(() =>
  import('../admin/ObjectSetupPage.js').then((m) => ({ default: m.ObjectSetupPage })),
);
const PermissionSetEditorPage = lazy(() =>
  import('../admin/PermissionSetEditor.js').then((m) => ({ default: m.PermissionSetEditorPage })),
);
const PermissionSetsPage = lazy(() =>
  import('../admin/PermissionSetsPage.js').then((m) => ({ default: m.PermissionSetsPage })),
);
const RoleEditorPage = lazy(() =>
  import('../admin/RoleEditor.js').then((m) => ({ default: m.RoleEditorPage })),
);
const RolesPage = lazy(() => import('../admin/RolesPage.js').then((m) => ({ default: m.RolesPage })));
const UserEditorPage = lazy(() =>
  import('../admin/UserEditor.js').then((m) => ({ default: m.UserEditorPage })),
);
const UsersPage = lazy(() => import('../admin/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const AutomationsPage = lazy(() =>
  import('../admin/automations/AutomationsPage.js').then((m) => ({ default: m.AutomationsPage })),
);
const AutomationEditorPage = lazy(() =>
  import('../admin/automations/AutomationEditor.js').then((m) => ({ default: m.AutomationEditorPage })),
);
// The record form too: its validation (the server's JSON Schemas, compiled in the browser) is the largest part
// of the app, and a session starts on lists and records, not forms.
const RecordForm = lazy(() => import('../records/RecordForm.js').then((m) => ({ default: m.RecordForm })));
const ImportPage = lazy(() => import('../imports/ImportPage.js').then((m) => ({ default: m.ImportPage })));
const RunLogPage = lazy(() => import('../runs/RunLogPage.js').then((m) => ({ default: m.RunLogPage })));

export function App() {
  const { me } = useSession();
  const route = useRoute();
  if (me === undefined) return null;
  if (me === null && route.page !== 'signIn') return <Redirect to={{ page: 'signIn' }} />;
  if (me === null || route.page === 'signIn') return me ? <Redirect to={{ page: 'home' }} /> : <SignIn />;
  return <Signedin route={route} />;
}

/** The system permissions a setup page needs (any one of them); none for the app's own pages. */
function permissionFor(route: Route): string[] | undefined {
  switch (route.page) {
    case 'setup':
      return ['manageMetadata', 'manageUsers'];
    case 'history':
    case 'setupObject':
    case 'layoutDesigner':
    case 'permissionSets':
    case 'permissionSet':
    case 'roles':
    case 'role':
    case 'automations':
    case 'automation':
    case 'automationRuns':
      return ['manageMetadata'];
    case 'users':
    case 'user':
      return ['manageUsers'];
    default:
      return undefined;
  }
}

/** Goes to another route once rendered (never while rendering). */
function Redirect({ to }: { to: Route }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

function Signedin({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const { me } = useSession();
  // Read again after every metadata change made here: a new object is in the side bar at once.
  const metadataRound = useMetadataRound();
  const objects = useLoad(describeAll, [metadataRound]);
  const [savedView, setSavedView] = useState<string | undefined>(undefined);
  const objectName = 'object' in route ? route.object : undefined;
  const description = useLoad(
    () => (objectName ? describeObject(objectName) : Promise.resolve(undefined)),
    [objectName, metadataRound],
  );
  const record = useLoad(
    () =>
      route.page === 'edit'
        ? api<{ data: RecordData }>('GET', `/data/${route.object}/${route.id}`).then((r) => r.data)
        : Promise.resolve(undefined),
    [route.page, objectName, 'id' in route ? route.id : undefined],
  );
  // A lookup shows its linked record by the name field of the target (an object the user may read).
  const nameFields = useCallback(
    (name: string) => objects.data?.find((o) => o.apiName === name)?.nameField,
    [objects.data],
  );
  if (!objects.data) return null;
  // A workspace without objects yet: its admin starts in Setup, where objects are made.
  if (route.page === 'home' && objects.data.length === 0 && me?.system.manageMetadata)
    return <Redirect to={{ page: 'setup' }} />;
  const nameFieldOf = (name: string) => objects.data?.find((o) => o.apiName === name)?.nameField ?? 'id';
  const d = description.data;
  const needed = permissionFor(route);
  let page = null;
  if (needed && !needed.some((p) => me?.system[p])) page = <p role="alert">{t('access.notAllowed')}</p>;
  else if (route.page === 'home') page = <HomePage objects={objects.data} />;
  else if (route.page === 'setup') page = <SetupPage />;
  else if (route.page === 'permissionSets') page = <PermissionSetsPage />;
  else if (route.page === 'permissionSet')
    page = <PermissionSetEditorPage key={route.name ?? ''} {...(route.name ? { name: route.name } : {})} />;
  else if (route.page === 'roles') page = <RolesPage />;
  else if (route.page === 'role')
    page = <RoleEditorPage key={route.name ?? ''} {...(route.name ? { name: route.name } : {})} />;
  else if (route.page === 'users') page = <UsersPage />;
  else if (route.page === 'user')
    page = <UserEditorPage key={route.id ?? ''} {...(route.id ? { id: route.id } : {})} />;
  else if (route.page === 'history') page = <HistoryPage />;
  else if (route.page === 'automations') page = <AutomationsPage />;
  else if (route.page === 'automation')
    page = <AutomationEditorPage key={route.name ?? ''} {...(route.name ? { name: route.name } : {})} />;
  else if (route.page === 'automationRuns')
    page = <RunLogPage key={route.automation ?? ''} automation={route.automation} run={route.run} />;
  else if (route.page === 'setupObject') page = <ObjectSetupPage object={route.object} />;
  else if (route.page === 'layoutDesigner')
    page = <LayoutDesigner key={route.object} object={route.object} />;
  else if (description.error) page = <p role="alert">{t('error.notFound')}</p>;
  else if (d && d.apiName === objectName) {
    if (route.page === 'list')
      page = (
        <ListPage
          key={`${d.apiName}:${savedView ?? ''}:${d.listViews.length}`}
          description={d}
          {...(savedView ? { initialView: savedView } : {})}
          onViewSaved={setSavedView}
        />
      );
    else if (route.page === 'record') page = <RecordPage description={d} id={route.id} />;
    else if (route.page === 'import')
      page =
        d.permissions.create || d.permissions.edit ? (
          <ImportPage description={d} />
        ) : (
          <p role="alert">{t('access.notAllowed')}</p>
        );
    else if (route.page === 'create')
      page = (
        <>
          <h1>{t('record.create', { object: label(d.label, d.apiName) })}</h1>
          <RecordForm description={d} nameFieldOf={nameFieldOf} prefill={routeState().prefill ?? {}} />
        </>
      );
    else if (route.page === 'edit' && record.data?.id === route.id)
      page = (
        <>
          <h1>{t('record.editTitle', { name: String(record.data[d.nameField] ?? record.data.id) })}</h1>
          <RecordForm key={record.data.id} description={d} record={record.data} nameFieldOf={nameFieldOf} />
        </>
      );
  }
  return (
    <NameFields.Provider value={nameFields}>
      <Shell objects={objects.data} current={objectName}>
        <Suspense fallback={null}>{page}</Suspense>
      </Shell>
    </NameFields.Provider>
  );
}
