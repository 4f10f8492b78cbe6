// The parser worker's logic: core's file and link readers behind ParserApi. Runs inside the worker,
// and in Node tests as it is (and on the main thread where there is no Worker).
import { parseWorkbookFile } from '../src/core/fileFormat';
import { decodeWorkbookLink } from '../src/core/link';
import type { ParserApi } from './parserContract';

/** Create the parser; stateless. */
export function createParser(): ParserApi {
  return {
    async parseFile(source, size) {
      const text = typeof source === 'string' ? source : await source.text();
      return parseWorkbookFile(text, size);
    },
    async decodeLink(hash) {
      return decodeWorkbookLink(hash);
    },
  } satisfies ParserApi;
}
