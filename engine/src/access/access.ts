/**
 * The one authorization point for records and metadata: given a user and a metadata version, it says which
 * objects and fields exist for them (their own compiled model), which actions they may take on an object,
 * which records each action reaches (as SQL), and which fields of a write they may set. The record API asks
 * here on every path; the runtime asks here for everything else. Nothing else decides.
 */
import { type Issue, NO_ISSUES, TesseraError } from '../errors.js';
import type { SystemPermission } from '../metadata/types.js';
import { type CompiledModel, type CompiledObject, compileModel } from '../model/compiled-model.js';
import { recordMessage } from '../model/record-messages.js';
import { SYSTEM_FIELDS } from '../model/system-fields.js';
import type { AnyDb } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { compileGrant, type Grant, type ObjectGrant } from './grant.js';
import { beyond } from './grant-bounds.js';
import {
  deleteScope,
  editScope,
  ownerShare,
  type RecordScope,
  readScope,
  type ScopeContext,
} from './record-scope.js';
import { restrictDocuments } from './restrict-documents.js';
import { grantKey, type Subject } from './subject.js';

export type RecordAction = 'read' | 'create' | 'edit' | 'delete';

interface Compiled {
  grant: Grant;
  view: CompiledModel;
}

// Per metadata version and per distinct grant: compiled once, shared by every user with the same sets and role.
const compiled = new WeakMap<CompiledModel, Map<string, Compiled>>();

export function accessFor(model: CompiledModel, subject: Subject): Access {
  const { grant, view } = getOrCreate(
    getOrCreate(compiled, model, () => new Map()),
    grantKey(subject),
    () => {
      const grant = compileGrant(model.documents, subject);
      return {
        grant,
        view: grant.admin ? model : compileModel(restrictDocuments(model.documents, grant), model.version),
      };
    },
  );
  return new Access(model, view, grant, subject);
}

const forbidden = (message: string) => new TesseraError('forbidden', message);

export class Access {
  constructor(
    /** The whole model: what writes are validated against. */
    readonly model: CompiledModel,
    /** The model as this user sees it: only readable objects and fields, read-only fields marked so. */
    readonly view: CompiledModel,
    readonly grant: Grant,
    readonly subject: Subject,
  ) {}

  /** An object as the user sees it; one they cannot read does not exist for them. */
  object(apiName: string): CompiledObject {
    return this.view.object(apiName);
  }

  can(action: RecordAction, apiName: string): boolean {
    return this.grant.objects.get(apiName)?.[action] === true;
  }

  /** The user's view of the object, when they may take the action on it. */
  require(action: RecordAction, apiName: string): CompiledObject {
    const object = this.object(apiName);
    if (!this.can(action, apiName)) throw forbidden(`you may not ${action} ${apiName} records`);
    return object;
  }

  hasSystem(permission: SystemPermission): boolean {
    return this.grant.admin || this.grant.system.has(permission);
  }

  requireSystem(permission: SystemPermission): void {
    if (!this.hasSystem(permission)) throw forbidden(`this needs the ${permission} permission`);
  }

  /**
   * The one rule for managing people: nobody gives more than they hold. A user may be made, changed (their
   * password too) or given a token only by someone who holds everything that user holds, before and after
   * the change: so only admins act on admins or make them, and a user manager cannot raise anyone, itself
   * included, beyond its own permissions and role.
   */
  requireWithin(user: Subject, action: string): void {
    const excess = beyond(compileGrant(this.model.documents, user), this.grant);
    if (excess)
      throw new TesseraError(
        'exceeds_own_access',
        excess === 'admin'
          ? `only an admin may ${action} an admin`
          : `you may not ${action} a user with ${excess}: you do not hold it yourself`,
      );
  }

  /** For what no permission grants, only a workspace admin may do (e.g. destroy data for good). */
  requireAdmin(what: string): void {
    if (!this.grant.admin) throw forbidden(`only a workspace admin may ${what}`);
  }

  /** The records a read reaches, or undefined for all of them. */
  readScope(
    object: CompiledObject,
    hints: Pick<ScopeContext, 'orderedScan' | 'probe'> = {},
  ): RecordScope | undefined {
    const g = this.objectGrant(object);
    if (g.viewAll || sharingOf(object) !== 'private') return undefined;
    return readScope({ ...this.scopeContext(object), ...hints });
  }

  /** Roughly how much of the records this user reaches by ownership: their reach among active users. */
  reachShare(db: AnyDb): Promise<number> {
    return ownerShare(db, this.subject.userId, this.grant.rolesBelow);
  }

  /** The records an edit reaches (among those the user reads), or undefined for all of them. */
  editScope(object: CompiledObject, hints: Pick<ScopeContext, 'probe'> = {}): RecordScope | undefined {
    const g = this.objectGrant(object);
    if (g.modifyAll || sharingOf(object) === 'public_read_write') return undefined;
    return editScope({ ...this.scopeContext(object), ...hints });
  }

  deleteScope(object: CompiledObject, hints: Pick<ScopeContext, 'probe'> = {}): RecordScope | undefined {
    if (this.objectGrant(object).modifyAll) return undefined;
    return deleteScope({ ...this.scopeContext(object), ...hints });
  }

  /**
   * Field-level security of a write: a field the user cannot read is unknown to them, one they may only
   * read is read-only. Everything else about the values is the full object's validation.
   */
  fieldIssues(object: CompiledObject, input: unknown, locale = 'en'): Issue[] {
    if (!this.objectGrant(object).restricted || typeof input !== 'object' || input === null) return NO_ISSUES;
    const issues: Issue[] = [];
    const full = this.model.object(object.apiName);
    for (const key of Object.keys(input)) {
      if (Object.hasOwn(SYSTEM_FIELDS, key)) continue;
      const field = full.fields.get(key);
      if (!field?.writable) continue;
      const seen = object.fields.get(key);
      if (!seen)
        issues.push({
          pointer: `/${key}`,
          code: 'unknown',
          message: recordMessage(locale, 'unknownField', { field: key, object: object.apiName }),
        });
      else if (!seen.writable)
        issues.push({
          pointer: `/${key}`,
          code: 'readOnly',
          message: recordMessage(locale, 'readOnlyForYou'),
        });
    }
    return issues;
  }

  private objectGrant(object: CompiledObject): ObjectGrant {
    const g = this.grant.objects.get(object.apiName);
    if (g) return g;
    // Unknown to the user's model (throws unknown_object), or known and still not readable.
    this.view.object(object.apiName);
    throw forbidden(`you may not read ${object.apiName} records`);
  }

  private scopeContext(object: CompiledObject) {
    return { userId: this.subject.userId, grant: this.grant, objectId: object.id, table: object.apiName };
  }
}

const sharingOf = (object: CompiledObject) => object.document['x-tessera'].sharing ?? 'private';
