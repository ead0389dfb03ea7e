import { fileURLToPath } from 'node:url';

/** The repository this CLI runs from (packages/cli/src → the root). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The example templates `tessera start` installs into a new workspace. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
