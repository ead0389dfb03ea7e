/** Where tasks are found, asked of the metadata: the task object, its open view, its lookups to a record. */
import { describe, expect, it } from 'vitest';
import type { ListViewDocument, ObjectDescription, ObjectSummary } from '../api/types.js';
import { activitiesOf, activityObject, myOpenActivities, openView, stateField } from './activities.js';

const summary = (apiName: string, read = true): ObjectSummary => ({
  apiName,
  label: { en: apiName },
  nameField: 'subject',
  permissions: { read, create: read, edit: read, delete: false },
});

const view = (apiName: string, extra: Partial<ListViewDocument> = {}): ListViewDocument => ({
  kind: 'list_view',
  apiName,
  object: 'task',
  label: { en: apiName },
  columns: [{ field: 'subject' }, { field: 'status' }, { field: 'due_date' }, { field: 'account' }],
  ...extra,
});

const task = (listViews: ListViewDocument[]): ObjectDescription =>
  ({
    ...summary('task'),
    document: {
      type: 'object',
      'x-tessera': { apiName: 'task', nameField: 'subject' },
      properties: {
        subject: { type: 'string', 'x-tessera': { field: 'text' } },
        status: { type: 'string', 'x-tessera': { field: 'picklist' } },
        account: { type: 'string', 'x-tessera': { field: 'lookup', target: 'account' } },
        contact: { type: 'string', 'x-tessera': { field: 'lookup', target: 'contact' } },
        other_account: { type: 'string', 'x-tessera': { field: 'lookup', target: 'account' } },
      },
    },
    listViews,
    layouts: [],
  }) as unknown as ObjectDescription;

const OPEN = { status: { nin: ['completed', 'deferred'] } };

describe('activities', () => {
  it('are the task object, when the user may read it', () => {
    expect(activityObject([summary('account'), summary('task')])?.apiName).toBe('task');
    expect(activityObject([summary('account'), summary('task', false)])).toBeUndefined();
    expect(activityObject([summary('account')])).toBeUndefined();
  });

  it('open ones are the open view’s, narrowed to the user, with its sort and next columns', () => {
    const d = task([view('all_tasks'), view('open_tasks', { filter: OPEN, sort: 'due_date' })]);
    expect(openView(d)?.apiName).toBe('open_tasks');
    expect(myOpenActivities(d, 'u1')).toEqual({
      filter: { and: [OPEN, { owner_id: { eq: 'u1' } }] },
      sort: 'due_date',
      columns: ['status', 'due_date'],
    });
    expect(stateField(d)).toBe('status');
  });

  it('without an open view, all of the user’s own; another view named open… serves too', () => {
    expect(myOpenActivities(task([view('all_tasks')]), 'u1')).toEqual({
      filter: { owner_id: { eq: 'u1' } },
      columns: [],
    });
    expect(stateField(task([]))).toBeUndefined();
    expect(openView(task([view('open_mine', { filter: OPEN })]))?.apiName).toBe('open_mine');
  });

  it('of a record are those whose lookups to its object name it', () => {
    const d = task([]);
    expect(activitiesOf(d, 'contact', 'c1')).toEqual({ contact: { eq: 'c1' } });
    expect(activitiesOf(d, 'account', 'a1')).toEqual({
      or: [{ account: { eq: 'a1' } }, { other_account: { eq: 'a1' } }],
    });
    expect(activitiesOf(d, 'opportunity', 'o1')).toBeUndefined();
  });
});
