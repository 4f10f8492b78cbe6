// Main-thread client of the parser worker: each file or link is read, decompressed and validated in a
// worker of its own, so a huge one (a million rows) never freezes the tab; the worker ends with the call.
import * as Comlink from 'comlink';
import type { ParsedWorkbook, ParserApi } from '../../workers/parserContract';

/**
 * The parser in a module Web Worker, one per call (started in a few ms; nothing is kept between
 * imports, so a large parse's memory goes with its worker). Rejects if the worker fails to start.
 */
export function createWorkerParser(): ParserApi {
  async function inWorker<T>(run: (api: Comlink.Remote<ParserApi>) => Promise<T>): Promise<T> {
    const worker = new Worker(new URL('../../workers/parser.worker.ts', import.meta.url), { type: 'module' });
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) =>
        reject(new Error(event.message || 'The file reader stopped.')),
      );
    });
    const remote = Comlink.wrap<ParserApi>(worker);
    try {
      return await Promise.race([run(remote), failed]);
    } finally {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    }
  }
  return {
    parseFile: (source, size) =>
      inWorker<ParsedWorkbook>((api) => api.parseFile(source, size) as Promise<ParsedWorkbook>),
    decodeLink: (hash) =>
      inWorker<ParsedWorkbook | null>((api) => api.decodeLink(hash) as Promise<ParsedWorkbook | null>),
  };
}

/**
 * The parser for this environment: in a worker where there is one, else (Node tests, a browser
 * without module workers) on this thread, loaded on first use like the link codec before it.
 */
export function createParserClient(): ParserApi {
  if (typeof Worker === 'function') return createWorkerParser();
  const local = () => import('../../workers/parser').then((m) => m.createParser());
  return {
    parseFile: async (source, size) => (await local()).parseFile(source, size),
    decodeLink: async (hash) => (await local()).decodeLink(hash),
  };
}
