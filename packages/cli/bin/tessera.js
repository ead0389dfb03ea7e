#!/usr/bin/env node
// The `tessera` command. The CLI and the engine are TypeScript run as they are: tsx compiles them on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
