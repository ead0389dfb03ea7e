/**
 * Setup → Access → Permission sets: each set with its label in the UI language and how many objects it grants;
 * a new one and changes in the permission-set editor, deletion after review.
 */
import { api } from '../api/client.js';
import type { PermissionSetDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { AccessListFrame } from './AccessListFrame.js';
import { EditDeleteButtons } from './EditDeleteButtons.js';
import { PlanReview } from './PlanReview.js';
import { grantedObjectCount, permissionSetPath, SYSTEM_PERMISSIONS } from './permission-set-document.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';

export const loadPermissionSets = () =>
  api<{ data: PermissionSetDocument[] }>('GET', '/meta/permission-sets').then((r) =>
    [...r.data].sort((x, y) => x.apiName.localeCompare(y.apiName)),
  );

export function PermissionSetsPage() {
  const { t, label } = useI18n();
  const sets = useLoad(loadPermissionSets, []);
  const removal = useChange(() => sets.reload());
  const list = sets.data ?? [];
  return (
    <section className="permission-sets">
      <AccessListFrame
        title={t('access.permissionSets')}
        newLabel={t('ps.new')}
        onNew={() => navigate({ page: 'permissionSet' })}
        hint={t('access.permissionSetsHint')}
        error={sets.error}
        empty={sets.data && list.length === 0 ? t('ps.none') : undefined}
      >
        <Refusal error={removal.refusal} />
        {list.length > 0 && (
          <table className="fields-table access-table">
            <thead>
              <tr>
                <th>{t('ps.label')}</th>
                <th>{t('admin.apiName')}</th>
                <th>{t('ps.objectCount')}</th>
                <th>{t('ps.system')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((set) => (
                <tr key={set.apiName} data-permission-set={set.apiName}>
                  <td>
                    <a
                      href={`/setup/permission-sets/${set.apiName}/edit`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'permissionSet', name: set.apiName });
                      }}
                    >
                      {label(set.label, set.apiName)}
                    </a>
                  </td>
                  <td>
                    <code>{set.apiName}</code>
                  </td>
                  <td className="ps-count">{t('ps.objectsGranted', { count: grantedObjectCount(set) })}</td>
                  <td className="ps-system">
                    {SYSTEM_PERMISSIONS.filter((p) => set.system?.[p])
                      .map((p) => t(`ps.sys.${p}` as MessageKey))
                      .join(', ') || t('admin.none')}
                  </td>
                  <td className="row-actions">
                    <EditDeleteButtons
                      onEdit={() => navigate({ page: 'permissionSet', name: set.apiName })}
                      onDelete={() =>
                        removal.review({
                          method: 'DELETE',
                          path: permissionSetPath(set.apiName),
                          summary: t('ps.planDelete', { name: set.apiName }),
                        })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <PlanReview change={removal} />
      </AccessListFrame>
    </section>
  );
}
