/**
 * Salesforce API names → Tessera API names, and the standard objects that land on crm-core's objects.
 *
 * Salesforce names are CamelCase or Snake_Case with suffixes (`__c` custom, `__r` relationship, `__mdt` custom
 * metadata…) and optional namespace prefixes (`npsp__Allocation__c`); Tessera names are
 * `^[a-z][a-z0-9_]{0,62}$` minus reserved words. The mapping must be deterministic (part E, the data loader,
 * reads the result from salesforce-map.json, never recomputes it) and injective within an object (a
 * `NameAllocator` per object settles collisions in a fixed order).
 */
import { RESERVED_PREFIXES, reservedReason } from '@tessera/engine';

/** What kind of Salesforce object an API name is, by its suffix. */
export type SalesforceObjectKind =
  | 'custom'
  | 'standard'
  | 'custom_metadata'
  | 'platform_event'
  | 'big_object'
  | 'external'
  | 'custom_setting_or_other';

const OBJECT_SUFFIXES: ReadonlyArray<[string, SalesforceObjectKind]> = [
  ['__c', 'custom'],
  ['__mdt', 'custom_metadata'],
  ['__e', 'platform_event'],
  ['__b', 'big_object'],
  ['__x', 'external'],
  ['__kav', 'custom_setting_or_other'],
  ['__Share', 'custom_setting_or_other'],
  ['__History', 'custom_setting_or_other'],
  ['__Feed', 'custom_setting_or_other'],
  ['__ChangeEvent', 'custom_setting_or_other'],
];

export function objectKind(sfName: string): SalesforceObjectKind {
  for (const [suffix, kind] of OBJECT_SUFFIXES) if (sfName.endsWith(suffix)) return kind;
  return 'standard';
}

const MAX_LENGTH = 63;

/** Names the platform keeps for itself: the engine's own rule, so the two never disagree. */
export function isReservedName(name: string): boolean {
  return reservedReason(name) !== undefined;
}

/**
 * `npsp__Home_Address__c` → `npsp_home_address`, `AnnualRevenue` → `annual_revenue`, `URLPath` → `url_path`.
 * The namespace is kept (two packages may both have `Status__c` on one object); the type suffix is dropped.
 * The result may still be reserved or too long: `NameAllocator.take` settles that.
 */
export function snakeName(sfName: string): string {
  const withoutSuffix = sfName.replace(/__(c|r|mdt|e|b|x|kav|Share|History|Feed|ChangeEvent)$/, '');
  const snake = withoutSuffix
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (snake === '') return 'sf';
  return /^[a-z]/.test(snake) ? snake : `sf_${snake}`;
}

/** A short stable hash, to keep truncated names apart. */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36).slice(0, 6);
}

/**
 * Hands out distinct Tessera names within one scope (the objects of a package, or the fields of one object).
 * A wanted name that is reserved or taken gets `_c` (for "custom", as Salesforce says), then `_2`, `_3`…
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.taken.add(name);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** Marks a name as used as it is (a crm-core field, the `sf_id` field). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  /** The Tessera name for `sfName`, never given out before in this scope. */
  take(sfName: string): string {
    let base = snakeName(sfName);
    if (RESERVED_PREFIXES.some((p) => base.startsWith(p))) base = `sf_${base.replace(/^_+/, '')}`;
    if (base.length > MAX_LENGTH - 3) base = `${base.slice(0, MAX_LENGTH - 10)}_${hash(sfName)}`;
    const free = (name: string) => !isReservedName(name) && !this.taken.has(name);
    let name = [base, `${base}_c`].find(free);
    for (let i = 2; !name; i++) if (free(`${base}_${i}`)) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }
}

/** The package that standard objects map onto. */
export const BASE_PACKAGE = 'crm-core';

/** A Salesforce standard object that crm-core already has. */
export interface StandardObjectMapping {
  /** crm-core's object. */
  object: string;
  /** Salesforce standard field → crm-core field. Fields not listed become fields of the converted package. */
  fields: Readonly<Record<string, string>>;
  /**
   * A compound name Salesforce keeps in parts: crm-core's name field is filled by joining these (with a space)
   * when the record has no `Name` (Contact and Lead have FirstName/LastName).
   */
  nameFrom?: readonly string[];
}

/**
 * Salesforce standard objects → crm-core (examples/crm-core/objects). Only fields whose meaning is the same
 * are mapped; a Salesforce field with a crm-core counterpart of another shape (Task.CompletedDateTime, a
 * datetime, onto completed_date, a date) is mapped too and its conversion noted in the report.
 */
export const STANDARD_OBJECTS: Readonly<Record<string, StandardObjectMapping>> = {
  Account: {
    object: 'account',
    fields: {
      Name: 'name',
      AccountNumber: 'account_number',
      Type: 'type',
      Industry: 'industry',
      Rating: 'rating',
      Phone: 'phone',
      Website: 'website',
      BillingState: 'province',
      BillingCity: 'city',
      BillingStreet: 'address',
      AnnualRevenue: 'annual_revenue',
      NumberOfEmployees: 'employees',
      ParentId: 'parent_account',
      Description: 'description',
    },
  },
  Contact: {
    object: 'contact',
    fields: {
      Name: 'name',
      AccountId: 'account',
      Title: 'title',
      Department: 'department',
      Email: 'email',
      Phone: 'phone',
      MobilePhone: 'mobile',
      MailingCity: 'city',
      Birthdate: 'birthdate',
      Description: 'description',
    },
    nameFrom: ['FirstName', 'LastName'],
  },
  Lead: {
    object: 'lead',
    fields: {
      Name: 'name',
      Company: 'company',
      Title: 'title',
      Email: 'email',
      Phone: 'phone',
      MobilePhone: 'mobile',
      Status: 'status',
      LeadSource: 'source',
      Rating: 'rating',
      Industry: 'industry',
      City: 'city',
      ConvertedAccountId: 'converted_account',
      ConvertedContactId: 'converted_contact',
      ConvertedDate: 'converted_date',
      Description: 'description',
    },
    nameFrom: ['FirstName', 'LastName'],
  },
  Opportunity: {
    object: 'opportunity',
    fields: {
      Name: 'name',
      AccountId: 'account',
      ContactId: 'contact',
      StageName: 'stage',
      Probability: 'probability',
      Amount: 'amount',
      ExpectedRevenue: 'expected_revenue',
      CloseDate: 'close_date',
      Type: 'type',
      LeadSource: 'source',
      IsClosed: 'is_closed',
      IsWon: 'is_won',
      NextStep: 'next_step',
      Description: 'description',
    },
  },
  Product2: {
    object: 'product',
    fields: {
      Name: 'name',
      ProductCode: 'product_code',
      Family: 'family',
      QuantityUnitOfMeasure: 'uom',
      IsActive: 'active',
      Description: 'description',
    },
  },
  Task: {
    object: 'task',
    fields: {
      Subject: 'subject',
      Type: 'activity_type',
      ActivityDate: 'due_date',
      Status: 'status',
      Priority: 'priority',
      CompletedDateTime: 'completed_date',
      Description: 'description',
    },
  },
};

/** Salesforce objects whose records are people of the workspace: a lookup to them is a `user` field. */
export const USER_OBJECTS = new Set(['User', 'Group']);

/** Standard fields every Salesforce record has that Tessera keeps as system fields (never converted). */
export const SYSTEM_FIELDS: Readonly<Record<string, string>> = {
  Id: 'sf_id',
  OwnerId: 'owner_id',
  CreatedDate: 'created_at',
  CreatedById: 'created_by',
  LastModifiedDate: 'updated_at',
  LastModifiedById: 'updated_by',
};

/** The unique text field every converted object gets: the record's 18-character Salesforce Id. */
export const SF_ID_FIELD = 'sf_id';
