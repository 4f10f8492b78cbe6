// The parser worker's entry: build the parser and expose it. The logic lives in parser.ts.
import * as Comlink from 'comlink';
import { createParser } from './parser';
import type { ParserApi } from './parserContract';

const api: ParserApi = createParser();
Comlink.expose(api);
