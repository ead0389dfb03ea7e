// temporary profiling driver (not committed)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_SUBJECT } from '../src/index.js';
import { withWorkspace } from './workspaces.js';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const session = new Session(); session.connect();
import * as s from './import-scenario.js';
const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
await withWorkspace(dialect, 'prof', async (ws) => {
  await (s as any).prepare(ws);
  const dir = mkdtempSync(join(tmpdir(), 'ip-'));
  const path = join(dir, 'b.csv');
  await (s as any).writeCsv(path);
  await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval',{interval:200}); await session.post('Profiler.start');
  const t = performance.now(); const cpu0 = process.cpuUsage();
  const v = await ws.imports.run(SYSTEM_SUBJECT, { path, fileName: 'b.csv', format: 'csv' }, { object: 'bench_contact' });
  const ms = performance.now() - t;
  const { profile } = await session.post('Profiler.stop'); const pd = process.env.PROF_DIR; if (pd) { (await import('node:fs')).mkdirSync(pd,{recursive:true}); writeFileSync(pd+'/p.cpuprofile', JSON.stringify(profile)); }
  const cu = process.cpuUsage(cpu0); console.log('cpu', Math.round((cu.user+cu.system)/1000), 'ms', v.status, v.created, Math.round(ms), 'ms', Math.round(v.created / ms * 1000), 'rows/s', 'maxRSS', Math.round(process.resourceUsage().maxRSS/1024), 'MB');
});
