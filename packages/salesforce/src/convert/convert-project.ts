/**
 * A Salesforce project → a Tessera package (its objects, and the fields it adds to crm-core's as extensions: see
 * package-parts.ts), its salesforce-map.json and its migration report. Nothing is written here: `writeConversion` does that.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type {
  LayoutDocument,
  ListViewDocument,
  ObjectDocument,
  ObjectExtension,
  PackageSource,
  PermissionSetDocument,
  ValidationRuleDocument,
} from '@tessera/engine';
import { type BasePackage, readBasePackage } from '../base-package.js';
import { NameAllocator } from '../names.js';
import { addTo } from '../read/project.js';
import { readProject } from '../read/read-project.js';
import { type MigrationReport, ReportBuilder } from '../report.js';
import type { SalesforceMap } from '../salesforce-map.js';
import { remainingProblems, settleWithEngine } from './check.js';
import type { Conversion } from './context.js';
import { convertFields, planFields } from './fields.js';
import { convertLayouts } from './layouts.js';
import { convertListViews } from './list-views.js';
import { planObjects } from './objects.js';
import { type NamedDocument, namedDocuments, objectExtensions, packageObjects } from './package-parts.js';
import { convertPermissionSets } from './permission-sets.js';
import { convertRecordTypes } from './record-types.js';
import { buildMap } from './salesforce-map.js';
import { convertTranslations } from './translations.js';
import { convertValidationRules } from './validation-rules.js';
import { reportValueSets } from './value-sets.js';

export interface ConvertOptions {
  /** The package's name (lower-case, dashes); from sfdx-project.json or the folder's name by default. */
  name?: string;
  version?: string;
  /** The base package's folder; crm-core of this repository by default. */
  baseDir?: string;
}

export interface ConversionResult {
  manifest: {
    name: string;
    version: string;
    label: Record<string, string>;
    description: Record<string, string>;
    dependencies: Record<string, string>;
  };
  /** The package's own objects. */
  objects: ObjectDocument[];
  /** The fields it adds to crm-core's objects. */
  extensions: ObjectExtension[];
  /** Validation rules, layouts, list views and permission sets, on its objects and on crm-core's. */
  documents: NamedDocument[];
  map: SalesforceMap;
  report: MigrationReport;
}

/** `npsp`, `My Project` → `my-project`; package names are lower-case letters, digits and dashes. */
function packageNameOf(root: string, given?: string): string {
  let name = given;
  const sfdx = join(root, 'sfdx-project.json');
  if (!name && existsSync(sfdx))
    try {
      name = (JSON.parse(readFileSync(sfdx, 'utf8')) as { name?: string }).name;
    } catch {
      // A broken sfdx-project.json only costs the name: the folder's is used.
    }
  const slug = (name ?? basename(root))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `sf-${slug || 'import'}`;
}

function reportUnconverted(c: Conversion): void {
  const why: Record<string, string> = {
    cls: 'Apex code does not run on Tessera (automations and hooks do that work)',
    trigger: 'Apex triggers do not run on Tessera (automations and hooks do that work)',
    flow: 'flows are not converted (Tessera has automations)',
    profile: 'profiles are not converted (permission sets are)',
  };
  const all = new Map(c.project.unconverted);
  for (const o of c.project.objects.values())
    for (const [kind, names] of o.unconverted) for (const n of names) addTo(all, kind, `${o.name}.${n}`);
  for (const [kind, names] of [...all].sort(([a], [b]) => a.localeCompare(b)))
    c.report.skipped(
      'other metadata',
      `${kind} (${names.length})`,
      why[kind] ?? `${kind} has no Tessera counterpart`,
    );
}

export async function convertProject(root: string, options: ConvertOptions = {}): Promise<ConversionResult> {
  const [project, basePackage]: [Awaited<ReturnType<typeof readProject>>, BasePackage] = await Promise.all([
    readProject(root),
    readBasePackage(options.baseDir),
  ]);
  const packageName = packageNameOf(root, options.name);
  const c: Conversion = {
    project,
    packageName,
    basePackage,
    report: new ReportBuilder(),
    objects: new Map(),
    validationRules: [],
    layouts: [],
    listViews: [],
    permissionSets: [],
    ruleNames: new Map(),
    pendingControllers: new Map(),
    globalValueSetOf: new Map(),
    documentNames: new NameAllocator(
      [
        ...(basePackage.documents.layouts ?? []),
        ...(basePackage.documents.listViews ?? []),
        ...(basePackage.documents.validationRules ?? []),
        ...(basePackage.documents.permissionSets ?? []),
        ...(basePackage.documents.roles ?? []),
      ].map((d) => d.apiName),
    ),
  };
  planObjects(c);
  planFields(c);
  convertRecordTypes(c);
  convertFields(c);
  settleWithEngine(c, 'objects');
  convertValidationRules(c);
  convertLayouts(c);
  convertListViews(c);
  convertPermissionSets(c);
  convertTranslations(c);
  reportValueSets(c);
  settleWithEngine(c, 'all');
  reportUnconverted(c);
  const label = basename(root);
  return {
    manifest: {
      name: packageName,
      version: options.version ?? '1.0.0',
      label: { en: label },
      description: { en: `Converted from the Salesforce project ${label}.` },
      dependencies: { [basePackage.name]: `^${basePackage.version}` },
    },
    objects: packageObjects(c),
    extensions: objectExtensions(c),
    documents: namedDocuments(c),
    map: buildMap(c),
    report: c.report.build(label, packageName, remainingProblems(c)),
  };
}

/** The conversion as the engine installs it (what `tessera deploy` makes of the written folder). */
export function conversionPackage(result: ConversionResult): PackageSource {
  const of = (kind: NamedDocument['kind']) => result.documents.filter((d) => d.kind === kind);
  return {
    manifest: result.manifest,
    documents: {
      objects: result.objects,
      validationRules: of('validation_rule') as ValidationRuleDocument[],
      layouts: of('layout') as LayoutDocument[],
      listViews: of('list_view') as ListViewDocument[],
      permissionSets: of('permission_set') as PermissionSetDocument[],
    },
    extensions: result.extensions,
  };
}
