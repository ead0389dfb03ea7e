/**
 * Receiving one uploaded file (`multipart/form-data`): the file part streamed to disk as it arrives, never
 * held in memory, and cut off at the upload cap (413 `upload_too_large`); the form's other fields (small
 * text, such as an `options` JSON) alongside. A failed upload leaves no file behind.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { badRequest, HttpError } from './http-error.js';

/** 100 MiB unless `TESSERA_MAX_UPLOAD_MB` or the server's options say otherwise. */
export const DEFAULT_MAX_UPLOAD_MB = 100;

/** `TESSERA_MAX_UPLOAD_MB` in bytes, or the default when it is unset or not a positive number. */
export function maxUploadBytes(env: NodeJS.ProcessEnv): number {
  const mb = Number(env.TESSERA_MAX_UPLOAD_MB);
  return (
    (env.TESSERA_MAX_UPLOAD_MB && Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_UPLOAD_MB) * 1024 * 1024
  );
}

export interface UploadLimits {
  /** Where uploads are written (made when missing). */
  dir: string;
  /** The most bytes the file may have. */
  maxBytes: number;
}

export interface Upload {
  path: string;
  /** The name the client gave the file: shown to people, never used as a path. */
  fileName: string;
  mimeType: string;
  /** The form's text fields by name. */
  fields: Record<string, string>;
}

/** Text fields are options, not data: 64 KiB each, a few of them. */
const FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 8;
/** What a form may add to its file (boundaries, part headers, its fields) before a declared length is too much. */
const FORM_OVERHEAD = MAX_FIELDS * FIELD_BYTES + 64 * 1024;

export const uploadTooLarge = (maxBytes: number) =>
  new HttpError(
    413,
    'upload_too_large',
    'Upload too large',
    `an uploaded file may have at most ${Math.floor(maxBytes / 1024 / 1024)} MiB (TESSERA_MAX_UPLOAD_MB)`,
  );

/** A file name safe to give a file this server writes: `upload-<uuid>`. */
export async function uploadPath(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return join(dir, `upload-${randomUUID()}`);
}

/** The `file` part of a `multipart/form-data` request, on disk under `limits.dir`, and the form's fields. */
export async function receiveUpload(c: Context, limits: UploadLimits): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type))
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      'send the file as multipart/form-data (or a JSON body with the CSV text)',
    );
  const declared = Number(c.req.header('content-length'));
  if (declared > limits.maxBytes + FORM_OVERHEAD) throw uploadTooLarge(limits.maxBytes);
  const body = c.req.raw.body;
  if (!body) throw badRequest('malformed_body', 'the form has no file: send it in a part named "file"');
  const path = await uploadPath(limits.dir);
  try {
    return await readForm(Readable.fromWeb(body as WebReadableStream), type, path, limits.maxBytes);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

function readForm(source: Readable, type: string, path: string, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': type },
        limits: { files: 1, fileSize: maxBytes, fields: MAX_FIELDS, fieldSize: FIELD_BYTES },
      });
    } catch (error) {
      reject(badRequest('malformed_body', `not a readable form: ${(error as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let file: { fileName: string; mimeType: string; written: Promise<void> } | undefined;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      // The rest of the body is not read: the answer goes out now.
      source.unpipe(parser);
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        fail(badRequest('malformed_body', `unexpected file part "${name}": send the file as "file"`));
        return;
      }
      stream.on('limit', () => fail(uploadTooLarge(maxBytes)));
      file = {
        fileName: info.filename ?? 'upload',
        mimeType: info.mimeType,
        written: pipeline(stream, createWriteStream(path)),
      };
      file.written.catch((error: Error) => fail(error));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated)
        fail(badRequest('malformed_body', `the form field "${name}" is over ${FIELD_BYTES} bytes`));
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(badRequest('malformed_body', 'send one file per request')));
    parser.on('fieldsLimit', () =>
      fail(badRequest('malformed_body', `a form may have at most ${MAX_FIELDS} fields besides the file`)),
    );
    parser.on('error', (error: Error) =>
      fail(badRequest('malformed_body', `not a readable form: ${error.message}`)),
    );
    parser.on('close', () => {
      if (failed) return;
      if (!file) {
        fail(badRequest('malformed_body', 'the form has no file: send it in a part named "file"'));
        return;
      }
      const { fileName, mimeType, written } = file;
      written.then(() => resolve({ path, fileName, mimeType, fields }), fail);
    });
    source.on('error', (error) =>
      fail(badRequest('malformed_body', `the upload broke off: ${error.message}`)),
    );
    source.pipe(parser);
  });
}
