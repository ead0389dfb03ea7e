import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLogger, logLevelFrom } from './logger.js';

describe('logger', () => {
  it('writes one JSON object per line, with the fields of its child loggers', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line) }).child({ requestId: 'r-1' });
    log.info('listening', { url: 'http://127.0.0.1:4000' });
    log.warn('slow', { ms: 900 });
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] as string);
    expect(first).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'info',
      message: 'listening',
      requestId: 'r-1',
      url: 'http://127.0.0.1:4000',
    });
    expect(JSON.parse(lines[1] as string)).toMatchObject({ level: 'warn', message: 'slow', ms: 900 });
  });

  it('leaves out what is below its level', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line) });
    log.debug('request', { status: 200 });
    log.error('unhandled error');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['unhandled error']);
    const quiet: string[] = [];
    createLogger({ write: (line) => quiet.push(line), level: 'silent' }).error('unhandled error');
    expect(quiet).toEqual([]);
  });

  it('writes readable lines for a terminal', () => {
    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line), pretty: true, level: 'debug' })
      .child({ requestId: 'r-2' })
      .debug('request', { method: 'GET', status: 200 });
    expect(lines).toHaveLength(1);
    const plain = stripVTControlCharacters(lines[0] as string);
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\] DEBUG: request /);
    expect(plain).toContain('"requestId":"r-2"');
    expect(plain).toContain('"status":200');
    expect(() => JSON.parse(plain)).toThrow();
  });

  it('takes LOG_LEVEL in any case and refuses an unknown one', () => {
    expect(logLevelFrom(undefined)).toBeUndefined();
    expect(logLevelFrom('')).toBeUndefined();
    expect(logLevelFrom('DEBUG')).toBe('debug');
    expect(() => logLevelFrom('verbose')).toThrow(
      'LOG_LEVEL must be one of debug, info, warn, error, silent, not "verbose"',
    );
  });
});
