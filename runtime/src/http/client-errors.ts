/**
 * Requests Node's HTTP parser refuses before the app sees them: a URL and headers over Node's 16 KiB limit
 * (a long filter in a query string), a request that is not HTTP, one too slow to arrive. Node would answer
 * them with a bare status line; they get a problem document like every other refusal.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpErrorCode } from './http-error.js';
import { problem } from './problem.js';

interface Refusal {
  status: number;
  reason: string;
  code: HttpErrorCode;
  detail: string;
}

const REFUSALS = new Map<string, Refusal>(
  Object.entries({
    HPE_HEADER_OVERFLOW: {
      status: 431,
      reason: 'Request Header Fields Too Large',
      code: 'headers_too_large',
      detail:
        'the URL and headers may have at most 16 KiB together; send a long filter in the body of POST /data/{object}/query',
    },
    ERR_HTTP_REQUEST_TIMEOUT: {
      status: 408,
      reason: 'Request Timeout',
      code: 'request_timeout',
      detail: 'the request did not arrive in time',
    },
  }),
);

const MALFORMED: Refusal = {
  status: 400,
  reason: 'Bad Request',
  code: 'malformed_request',
  detail: 'the request is not well-formed HTTP',
};

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A connection the client has already dropped has no one to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal = REFUSALS.get(error.code ?? '') ?? MALFORMED;
    const body = JSON.stringify(problem(refusal.status, refusal.code, refusal.reason, refusal.detail));
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
