// Main-thread client of the parser worker: each file or link is read, decompressed and validated in a
// worker of its own, so a huge one (a million rows) never freezes the tab; the worker ends with the call.
import * as Comlink from 'comlink';
import type { RawCell } from '../core/document';
import type { ParsedHeadResult, ParsedWorkbook, ParserApi } from '../../workers/parserContract';

/** Reads files and links into whole documents, off the main thread where it can. */
export interface WorkbookReader {
  parseFile(source: string | Blob, size: number): Promise<ParsedWorkbook>;
  decodeLink(hash: string): Promise<ParsedWorkbook | null>;
}

/** Rows per message: copying 20 000 rows takes a few ms, so the tab answers between slices. */
const ROWS_PER_SLICE = 20_000;

/** The whole document: the head, then each sheet's rows slice by slice, each slice its own task. */
async function assemble(
  read: ParsedHeadResult | null,
  rows: (sheet: number, from: number, count: number) => Promise<RawCell[][]>,
): Promise<ParsedWorkbook | null> {
  if (read === null || !read.ok) return read;
  const { doc, rows: counts } = read.value;
  const sheets = [];
  for (const [index, sheet] of doc.sheets.entries()) {
    const cells: RawCell[][] = [];
    for (let from = 0; from < (counts[index] ?? 0); from += ROWS_PER_SLICE) {
      for (const row of await rows(index, from, ROWS_PER_SLICE)) cells.push(row);
    }
    sheets.push({ ...sheet, cells });
  }
  return { ok: true, value: { ...doc, sheets } };
}

/** A reader over a parser (the worker's, or one on this thread). */
function readerOver(api: () => Promise<{ parser: ParserApi; done(): void }>): WorkbookReader {
  async function run(read: (parser: ParserApi) => Promise<ParsedHeadResult | null>) {
    const { parser, done } = await api();
    try {
      return await assemble(await read(parser), (sheet, from, count) => parser.rows(sheet, from, count));
    } finally {
      done();
    }
  }
  return {
    parseFile: async (source: string | Blob, size: number) =>
      (await run((p) => p.parseFile(source, size))) as ParsedWorkbook,
    decodeLink: (hash: string) => run((p) => p.decodeLink(hash)),
  };
}

/**
 * The parser in a module Web Worker, one per file or link (started in a few ms; nothing is kept
 * between imports, so a large parse's memory goes with its worker). A worker that fails rejects.
 */
export function createWorkerReader(): WorkbookReader {
  return readerOver(async () => {
    const worker = new Worker(new URL('../../workers/parser.worker.ts', import.meta.url), { type: 'module' });
    const remote = Comlink.wrap<ParserApi>(worker);
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) =>
        reject(new Error(event.message || 'The file reader stopped.')),
      );
    });
    // Each call fails at once if the worker dies (a Comlink call never rejects by itself).
    const race = <T>(call: Promise<T>) => Promise.race([call, failed]);
    const guarded: ParserApi = {
      parseFile: (source, size) => race(remote.parseFile(source, size) as Promise<ParsedHeadResult>),
      decodeLink: (hash) => race(remote.decodeLink(hash) as Promise<ParsedHeadResult | null>),
      rows: (sheet, from, count) => race(remote.rows(sheet, from, count)),
    };
    return {
      parser: guarded,
      done() {
        failed.catch(() => {});
        remote[Comlink.releaseProxy]();
        worker.terminate();
      },
    };
  });
}

/**
 * The reader for this environment: in a worker where there is one, else (Node tests, a browser
 * without module workers) on this thread, loaded on first use like the link codec before it.
 */
export function createWorkbookReader(): WorkbookReader {
  if (typeof Worker === 'function') return createWorkerReader();
  return readerOver(async () => {
    const { createParser } = await import('../../workers/parser');
    return { parser: createParser(), done() {} };
  });
}
