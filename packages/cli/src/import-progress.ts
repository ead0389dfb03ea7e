/**
 * How a running import shows its progress: a bar redrawn in place on a terminal (cli-progress), plain lines
 * at most once a second otherwise (a log keeps them readable), and the summary when it ends.
 */
import type { ImportView } from '@tessera/engine';
import { Presets, SingleBar } from 'cli-progress';
import type { Io } from './io.js';

export interface ImportProgressView {
  update(view: ImportView): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 1000;

const rows = (n: number) => n.toLocaleString('en-US');

function barProgress(stream: NodeJS.WriteStream): ImportProgressView {
  const bar = new SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {value}/{total} rows | {rate} rows/s | {failed} failed',
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(view) {
      const payload = { rate: rows(Math.round(view.rate)), failed: rows(view.failed) };
      if (!started) {
        bar.start(view.total ?? 0, view.processed, payload);
        started = true;
      }
      if (view.total !== null) bar.setTotal(view.total);
      bar.update(view.processed, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function lineProgress(io: Io): ImportProgressView {
  let last = 0;
  return {
    update(view) {
      const now = Date.now();
      if (now - last < PLAIN_EVERY_MS) return;
      last = now;
      const of = view.total === null ? '' : ` of ${rows(view.total)}`;
      io.err(
        `${rows(view.processed)}${of} rows, ${rows(Math.round(view.rate))} rows/s, ${rows(view.failed)} failed`,
      );
    },
    stop: () => {},
  };
}

export const importProgress = (io: Io): ImportProgressView =>
  io.errTerminal ? barProgress(io.errTerminal) : lineProgress(io);

/** What an import did, for people: counts, time and rate, and why it failed when it did. */
export function importSummary(view: ImportView): string[] {
  const seconds =
    view.startedAt && view.finishedAt
      ? (Date.parse(view.finishedAt) - Date.parse(view.startedAt)) / 1000
      : undefined;
  const took =
    seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s (${rows(Math.round(view.rate))} rows/s)`;
  const what = view.dryRun ? 'Dry run (nothing was written)' : `Import ${view.status}`;
  const lines = [
    `${what}: ${view.object} from ${view.fileName}, ${rows(view.processed)} rows${took}:` +
      ` ${rows(view.created)} created, ${rows(view.updated)} updated, ${rows(view.failed)} failed.`,
  ];
  if (view.error) lines.push(`${view.error.message} [${view.error.code}]`);
  return lines;
}
