/**
 * Imports (CONTRACT §9): `POST /imports` takes a file (multipart: `file` and `options` as JSON; or a JSON body
 * `{ "object", "csv": "<text>", … }` for small files), keeps it on the server's disk and queues the import,
 * which the workspace's import runner carries out (see the engine's imports/). `GET /imports/{id}` shows its
 * progress, `GET /imports/{id}/errors.csv` every row error, `POST /imports/{id}/cancel` stops it.
 * `POST /imports/preview` maps a file's columns without importing anything (the studio's wizard).
 */
import { rm, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ImportFile, ImportFormat, ImportJobs, ImportOptions } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { localityOf } from '../http/locality.js';
import { receiveUpload, type UploadLimits, uploadPath, uploadTooLarge } from '../http/upload.js';

/** The options an import takes (ImportOptions), each with the JSON type it must have. */
const OPTION_TYPES: Record<keyof ImportOptions, 'string' | 'boolean' | 'object'> = {
  object: 'string',
  mode: 'string',
  key: 'string',
  mapping: 'object',
  atomic: 'boolean',
  dryRun: 'boolean',
  dateOrder: 'string',
  decimalSeparator: 'string',
  encoding: 'string',
  rules: 'string',
};

/**
 * The import's options from a JSON object: known names with values of the right JSON type (what each may be
 * is the import's to check). `extra` names what else the object may hold (the JSON body's `csv`).
 */
function importOptions(source: Record<string, unknown>, extra: readonly string[] = []): ImportOptions {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (extra.includes(key)) continue;
    const type = OPTION_TYPES[key as keyof ImportOptions];
    if (!type) throw badRequest('unknown_parameter', `unknown import option "${key}"`, key, `/${key}`);
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (actual !== type) throw badRequest('bad_parameter', `${key} must be a ${type}`, key, `/${key}`);
    options[key] = value;
  }
  if (typeof options.object !== 'string')
    throw badRequest('bad_parameter', 'object must name the object to import into', 'object', '/object');
  return options as unknown as ImportOptions;
}

function jsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest('malformed_json', `${what} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest('malformed_body', `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

const FORMATS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'xlsx',
};
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file's format by its name, else by its media type: CSV (or text) and XLSX are read. */
function formatOf(fileName: string, mimeType: string): ImportFormat {
  const format = FORMATS[extname(fileName).toLowerCase()] ?? (mimeType === XLSX_TYPE ? 'xlsx' : undefined);
  if (format) return format;
  if (/^text\//.test(mimeType)) return 'csv';
  throw new HttpError(
    415,
    'unsupported_media_type',
    'Unsupported media type',
    `"${fileName}" is neither CSV nor XLSX: send a .csv or .xlsx file`,
  );
}

/** A body's text, refused once it grows past `max` bytes (413 upload_too_large). */
async function limitedText(c: Context, max: number): Promise<string> {
  if (Number(c.req.header('content-length')) > max) throw uploadTooLarge(max);
  const body = c.req.raw.body;
  if (!body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of Readable.fromWeb(body as WebReadableStream)) {
    size += (chunk as Buffer).length;
    if (size > max) throw uploadTooLarge(max);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The file and options of a `POST /imports` (or `/imports/preview`), the file on disk and owned by the import. */
async function receiveImport(
  c: Context<AppEnv>,
  limits: UploadLimits,
): Promise<{ file: ImportFile; options: ImportOptions }> {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    const body = jsonObject(await limitedText(c, limits.maxBytes), 'the body');
    if (typeof body.csv !== 'string')
      throw badRequest('bad_parameter', 'csv must be the text of the CSV file', 'csv', '/csv');
    if (body.fileName !== undefined && typeof body.fileName !== 'string')
      throw badRequest('bad_parameter', 'fileName must be a string', 'fileName', '/fileName');
    const options = importOptions(body, ['csv', 'fileName']);
    const path = await uploadPath(limits.dir);
    await writeFile(path, body.csv, 'utf8');
    const fileName = (body.fileName as string | undefined) ?? `${options.object}.csv`;
    return { file: { path, fileName, format: 'csv', owned: true }, options };
  }
  const upload = await receiveUpload(c, limits);
  try {
    const options = importOptions(jsonObject(upload.fields.options ?? '{}', 'the options field'));
    const format = formatOf(upload.fileName, upload.mimeType);
    return { file: { path: upload.path, fileName: upload.fileName, format, owned: true }, options };
  } catch (error) {
    await rm(upload.path, { force: true });
    throw error;
  }
}

export function importRoutes(limits: UploadLimits): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const subject = (c: Context<AppEnv>) => c.get('principal').subject;
  const imports = (c: Context<AppEnv>): ImportJobs => c.get('workspace').imports;

  app.post('/', async (c) => {
    // Read before the upload, so that a bad Time-Zone keeps nothing; the runner writes row errors in its language.
    const locality = localityOf(c);
    const { file, options } = await receiveImport(c, limits);
    // Until the import has taken the file, a refusal leaves it to us to remove.
    const started = await imports(c)
      .start(subject(c), file, options, locality)
      .catch(async (error) => {
        await rm(file.path, { force: true });
        throw error;
      });
    c.header('Location', `${c.req.path.replace(/\/$/, '')}/${started.id}`);
    return c.json({ data: started }, 202);
  });

  app.post('/preview', async (c) => {
    const locality = localityOf(c);
    const { file, options } = await receiveImport(c, limits);
    try {
      return c.json({ data: await imports(c).preview(subject(c), file, options, locality) });
    } finally {
      await rm(file.path, { force: true });
    }
  });

  app.get('/:id', async (c) => c.json({ data: await imports(c).get(subject(c), c.req.param('id')) }));

  app.get('/:id/errors.csv', async (c) => {
    const lines = imports(c).errorsCsv(subject(c), c.req.param('id'))[Symbol.asyncIterator]();
    // The first line is read before the answer starts: an unknown import is a 404, not a broken download.
    const first = await lines.next();
    const rest = async function* () {
      if (!first.done) yield first.value;
      for (let next = await lines.next(); !next.done; next = await lines.next()) yield next.value;
    };
    return c.body(Readable.toWeb(Readable.from(rest())) as ReadableStream, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="import-${c.req.param('id')}-errors.csv"`,
      'cache-control': 'no-store',
    });
  });

  app.post('/:id/cancel', async (c) =>
    c.json({ data: await imports(c).cancel(subject(c), c.req.param('id')) }),
  );

  return app;
}
