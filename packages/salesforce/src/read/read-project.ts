/**
 * Reads a Salesforce project folder: source format (`objects/<O>/<O>.object-meta.xml`, `objects/<O>/fields/…`,
 * `layouts/<O>-<Name>.layout-meta.xml` …, in any package directory) and the older Metadata API format
 * (`objects/<O>.object` with fields, record types, list views and rules inline). Every file is classified by
 * its metadata suffix, wherever it sits, so projects with several package directories read the same way.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { SalesforceError } from '../errors.js';
import {
  addTo,
  emptyObject,
  type SalesforceProject,
  type SourceObject,
  type SourceTranslation,
} from './project.js';
import { list, readMetadataFile, text, type Xml } from './xml.js';

/** Folders that never hold the project's metadata. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sfdx', '.sf', '.vscode', '.github', '.husky']);

/** Parts of an object kept inline in a `.object` file (Metadata API format), by their element. */
const INLINE_PARTS = {
  fields: 'fields',
  validationRules: 'validationRules',
  recordTypes: 'recordTypes',
  listViews: 'listViews',
} as const;

/** Object parts with no Tessera counterpart, by metadata suffix (and their element in a `.object` file). */
const UNCONVERTED_PARTS: Record<string, string> = {
  fieldSet: 'fieldSets',
  compactLayout: 'compactLayouts',
  webLink: 'webLinks',
  businessProcess: 'businessProcesses',
  sharingReason: 'sharingReasons',
  index: 'indexes',
};

/** `Account-Household Layout.layout-meta.xml` → { suffix: 'layout', stem: 'Account-Household Layout' }. */
function classify(file: string): { suffix: string; stem: string; source: boolean } | undefined {
  const name = basename(file);
  const source = /^(.+)\.([A-Za-z]+)-meta\.xml$/.exec(name);
  if (source) return { stem: source[1] ?? '', suffix: source[2] ?? '', source: true };
  const mdapi =
    /^(.+)\.(object|layout|permissionset|objectTranslation|globalValueSet|standardValueSet)$/.exec(name);
  return mdapi ? { stem: mdapi[1] ?? '', suffix: mdapi[2] ?? '', source: false } : undefined;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(join(dir, entry.name));
    } else if (entry.isFile()) yield join(dir, entry.name);
  }
}

/** `de`, `zh_CN`: the part of `<Name>-<language>` after the last dash. */
function splitLanguage(stem: string): { name: string; language: string } {
  const at = stem.lastIndexOf('-');
  return at < 0 ? { name: stem, language: '' } : { name: stem.slice(0, at), language: stem.slice(at + 1) };
}

export async function readProject(root: string): Promise<SalesforceProject> {
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new SalesforceError(
      'not_a_project',
      `${root} is not a folder: give the Salesforce project's folder`,
    );
  const project: SalesforceProject = {
    root,
    objects: new Map(),
    layouts: [],
    permissionSets: new Map(),
    objectTranslations: [],
    valueSetTranslations: [],
    globalValueSets: new Map(),
    standardValueSets: new Map(),
    unconverted: new Map(),
  };
  const objectOf = (name: string): SourceObject => {
    const o = project.objects.get(name) ?? emptyObject(name);
    project.objects.set(name, o);
    return o;
  };
  /** Source format files under `objects/<O>/<part>/`: the object is the folder two up. */
  const ownerOf = (file: string) => objectOf(basename(dirname(dirname(file))));
  const translations = new Map<string, SourceTranslation>();
  const translationOf = (dir: string, stem: string) => {
    const t = translations.get(dir) ?? { ...splitLanguage(stem), xml: {}, fields: [] };
    translations.set(dir, t);
    return t;
  };
  let metadataFiles = 0;
  for await (const file of walk(root)) {
    const kind = classify(file);
    if (!kind) continue;
    metadataFiles++;
    const { suffix, stem } = kind;
    switch (suffix) {
      case 'object': {
        const xml = await readMetadataFile(file, 'CustomObject');
        const o = objectOf(kind.source ? basename(dirname(file)) : stem);
        o.definition = { ...o.definition, ...withoutParts(xml) };
        for (const f of list(xml[INLINE_PARTS.fields])) {
          const name = text(f, 'fullName');
          if (name) o.fields.set(name, f);
        }
        o.validationRules.push(...list(xml[INLINE_PARTS.validationRules]));
        o.recordTypes.push(...list(xml[INLINE_PARTS.recordTypes]));
        o.listViews.push(...list(xml[INLINE_PARTS.listViews]));
        for (const [part, element] of Object.entries(UNCONVERTED_PARTS))
          for (const x of list(xml[element])) addTo(o.unconverted, part, text(x, 'fullName') ?? '?');
        break;
      }
      case 'field':
        ownerOf(file).fields.set(stem, await readMetadataFile(file, 'CustomField'));
        break;
      case 'validationRule':
        ownerOf(file).validationRules.push(await withName(file, 'ValidationRule', stem));
        break;
      case 'recordType':
        ownerOf(file).recordTypes.push(await withName(file, 'RecordType', stem));
        break;
      case 'listView':
        ownerOf(file).listViews.push(await withName(file, 'ListView', stem));
        break;
      case 'layout': {
        // `<Object>-<Layout Name>`, the name URL-encoded where Salesforce needs it (`%28Marketing%29`).
        const at = stem.indexOf('-');
        if (at <= 0) {
          addTo(project.unconverted, 'layout without an object in its name', relative(root, file));
          break;
        }
        const name = decodeName(stem.slice(at + 1));
        project.layouts.push({
          object: stem.slice(0, at),
          name,
          xml: await readMetadataFile(file, 'Layout'),
        });
        break;
      }
      case 'permissionset':
        project.permissionSets.set(stem, await readMetadataFile(file, 'PermissionSet'));
        break;
      case 'objectTranslation':
        translationOf(kind.source ? dirname(file) : file, kind.source ? basename(dirname(file)) : stem).xml =
          await readMetadataFile(file, 'CustomObjectTranslation');
        break;
      case 'fieldTranslation':
        translationOf(dirname(file), basename(dirname(file))).fields.push(
          await readMetadataFile(file, 'CustomFieldTranslation'),
        );
        break;
      case 'globalValueSet':
        project.globalValueSets.set(stem, await readMetadataFile(file, 'GlobalValueSet'));
        break;
      case 'standardValueSet':
        project.standardValueSets.set(stem, await readMetadataFile(file, 'StandardValueSet'));
        break;
      case 'globalValueSetTranslation':
      case 'standardValueSetTranslation':
        project.valueSetTranslations.push({
          ...splitLanguage(stem),
          xml: await readMetadataFile(
            file,
            suffix === 'globalValueSetTranslation'
              ? 'GlobalValueSetTranslation'
              : 'StandardValueSetTranslation',
          ),
          fields: [],
        });
        break;
      default:
        if (suffix in UNCONVERTED_PARTS) addTo(ownerOf(file).unconverted, suffix, stem);
        else addTo(project.unconverted, suffix, relative(root, file));
    }
  }
  if (metadataFiles === 0)
    throw new SalesforceError(
      'not_a_project',
      `${root} holds no Salesforce metadata (no *-meta.xml or .object files): give an SFDX project's folder`,
    );
  project.objectTranslations.push(...translations.values());
  return project;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // a lone % is a character of the name
  }
}

/** A `.object` file's own settings, without the parts read separately. */
function withoutParts(xml: Xml): Xml {
  const own: Xml = {};
  const parts = new Set<string>([...Object.values(INLINE_PARTS), ...Object.values(UNCONVERTED_PARTS)]);
  for (const [tag, value] of Object.entries(xml)) if (!parts.has(tag)) own[tag] = value;
  return own;
}

/** A part whose file name is its name: `fullName` is often left out of source-format files. */
async function withName(file: string, root: string, name: string): Promise<Xml> {
  const xml = await readMetadataFile(file, root);
  return { fullName: name, ...xml };
}
