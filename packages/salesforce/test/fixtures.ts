/** The shared Salesforce fixtures: `<repo root>/../shared/fixtures/salesforce`, else `/work/shared/…`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const SALESFORCE_FIXTURES = [join(REPO_ROOT, '..', 'shared'), '/work/shared']
  .map((shared) => join(shared, 'fixtures', 'salesforce'))
  .find((dir) => existsSync(dir)) as string;

export const FIXTURE_PROJECTS = ['npsp', 'pmm', 'lwc-recipes'] as const;
