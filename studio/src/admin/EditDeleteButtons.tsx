/** A listed document's Edit and Delete buttons (Delete only where it may be deleted). */
import { useI18n } from '../i18n/i18n.js';

export function EditDeleteButtons({ onEdit, onDelete }: { onEdit(): void; onDelete?: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" onClick={onEdit}>
        {t('admin.edit')}
      </button>
      {onDelete && (
        <button type="button" onClick={onDelete}>
          {t('admin.delete')}
        </button>
      )}
    </>
  );
}
