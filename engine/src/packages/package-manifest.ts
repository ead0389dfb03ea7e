/**
 * `tessera.package.json`: a package's name, semantic version, label, description and
 * dependencies. Checked the same way whether the package comes from a folder (the CLI) or over HTTP.
 */
import semver from 'semver';
import type { Issue } from '../errors.js';
import type { LocalizedText } from '../metadata/types.js';

export const MANIFEST_FILE = 'tessera.package.json';
const NAME = /^[a-z][a-z0-9-]{0,63}$/;
const KEYS = ['name', 'version', 'label', 'description', 'dependencies'];

export interface PackageManifest {
  name: string;
  version: string;
  label?: LocalizedText;
  description?: string | LocalizedText;
  /** Other packages this one needs, by name, with a semver range (`^1.2.0`). */
  dependencies: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isLocalized = (v: unknown) =>
  isRecord(v) &&
  Object.keys(v).length > 0 &&
  Object.values(v).every((s) => typeof s === 'string' && s.length > 0);

/** The manifest's problems (none: it is a PackageManifest). Unknown keys are refused, so a typo shows. */
export function checkManifest(value: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (pointer: string, code: string, message: string) =>
    issues.push({ document: MANIFEST_FILE, pointer, code, message });
  if (!isRecord(value)) {
    add('', 'type', 'the manifest must be a JSON object');
    return issues;
  }
  for (const key of Object.keys(value))
    if (!KEYS.includes(key))
      add(`/${key}`, 'unknown_key', `unknown key "${key}" (allowed: ${KEYS.join(', ')})`);
  if (typeof value.name !== 'string' || !NAME.test(value.name))
    add(
      '/name',
      'bad_name',
      '"name" must be lower-case letters, digits and dashes, starting with a letter (e.g. "field-service")',
    );
  if (typeof value.version !== 'string' || semver.valid(value.version) !== value.version)
    add('/version', 'bad_version', '"version" must be a semantic version such as "1.0.0"');
  if (value.label !== undefined && !isLocalized(value.label))
    add('/label', 'bad_label', '"label" must map language tags to text, e.g. {"en": "Field Service"}');
  if (
    value.description !== undefined &&
    typeof value.description !== 'string' &&
    !isLocalized(value.description)
  )
    add('/description', 'bad_description', '"description" must be a text or map language tags to text');
  const deps = value.dependencies ?? {};
  if (!isRecord(deps))
    add('/dependencies', 'bad_dependencies', '"dependencies" must map package names to version ranges');
  else
    for (const [name, range] of Object.entries(deps))
      if (!NAME.test(name) || typeof range !== 'string' || semver.validRange(range) === null)
        add(
          `/dependencies/${name}`,
          'bad_dependency',
          `"${name}" must name a package and give a version range, e.g. {"crm-core": "^1.0.0"}`,
        );
  return issues;
}

/** The manifest with its defaults, once `checkManifest` found nothing. */
export function manifestOf(value: unknown): PackageManifest {
  const manifest = value as PackageManifest;
  return { ...manifest, dependencies: manifest.dependencies ?? {} };
}
