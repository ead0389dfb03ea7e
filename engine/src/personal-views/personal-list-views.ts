/**
 * A user's own list views: the same documents as shared list views, checked against the objects as that user
 * sees them, kept per user in `tessera_personal_view`. Every call is by the caller's user id, so nobody reads,
 * changes or even learns the names of another user's views; shared views stay metadata that admins make.
 */
import type { Access } from '../access/access.js';
import { TesseraError } from '../errors.js';
import { invalidDocuments } from '../metadata/document-shapes.js';
import type { ListViewDocument, ObjectDocument } from '../metadata/types.js';
import { validateListView } from '../metadata/validate-view-documents.js';
import type { AnyDb } from '../storage/storage.js';

export const PERSONAL_VIEWS = 'tessera_personal_view';

/** Enough for anyone's own lists, bounded so one user cannot grow the table without end. */
export const PERSONAL_VIEW_LIMIT = 100;

interface PersonalViewRow {
  user_id: string;
  api_name: string;
  object: string;
  document: string;
  updated_at: string;
}

export class PersonalListViews {
  constructor(
    private readonly db: AnyDb,
    private readonly userId: string,
  ) {}

  /** The user's views, of one object or of all, by API name. */
  async list(object?: string): Promise<ListViewDocument[]> {
    const rows = await this.db
      .selectFrom(PERSONAL_VIEWS)
      .select('document')
      .where('user_id', '=', this.userId)
      .$if(object !== undefined, (q) => q.where('object', '=', object as string))
      .orderBy('api_name')
      .execute();
    return rows.map((r) => JSON.parse(String(r.document)) as ListViewDocument);
  }

  /**
   * Creates or replaces the view named by its `apiName`, checked against what `access` lets the user read (a
   * column they cannot read is `unknown_field`, as if it did not exist). Whether it was new comes back too.
   */
  async put(doc: unknown, access: Access): Promise<{ view: ListViewDocument; created: boolean }> {
    const objects = new Map<string, ObjectDocument>(
      [...access.view.objects.values()].map((o) => [o.apiName, o.document]),
    );
    const issues = validateListView(doc, objects);
    if (issues.length) throw invalidDocuments(issues);
    const view = doc as ListViewDocument;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom(PERSONAL_VIEWS)
        .select('api_name')
        .where('user_id', '=', this.userId)
        .execute();
      const created = !existing.some((r) => r.api_name === view.apiName);
      if (created && existing.length >= PERSONAL_VIEW_LIMIT)
        throw invalidDocuments([
          {
            document: `list_view:${view.apiName}`,
            pointer: '',
            code: 'too_many_views',
            message: `a user keeps at most ${PERSONAL_VIEW_LIMIT} list views of their own`,
          },
        ]);
      const row: PersonalViewRow = {
        user_id: this.userId,
        api_name: view.apiName,
        object: view.object,
        document: JSON.stringify(view),
        updated_at: new Date().toISOString(),
      };
      await trx
        .insertInto(PERSONAL_VIEWS)
        .values(row)
        .onConflict((oc) =>
          oc.columns(['user_id', 'api_name']).doUpdateSet({
            object: row.object,
            document: row.document,
            updated_at: row.updated_at,
          }),
        )
        .execute();
      return { view, created };
    });
  }

  async delete(apiName: string): Promise<void> {
    const result = await this.db
      .deleteFrom(PERSONAL_VIEWS)
      .where('user_id', '=', this.userId)
      .where('api_name', '=', apiName)
      .executeTakeFirst();
    if (!result.numDeletedRows)
      throw new TesseraError('unknown_document', `you have no list view "${apiName}"`);
  }
}
