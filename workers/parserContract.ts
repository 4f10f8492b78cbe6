// The contract of the parser worker: reading a `.bana.json` file or a `#w=` link into a document off
// the main thread. Types only: both sides import it; only plain data (and Blobs) cross.
import type { RawCell, ScenarioDocument } from '../src/core/document';
import type { FileProblem } from '../src/core/fileFormat';
import type { Result } from '../src/core/result';

export type ParsedWorkbook = Result<ScenarioDocument, FileProblem>;

/**
 * A document read in the worker, without its cells: they follow in slices (ParserApi.rows), so no
 * single message — a million rows take seconds to copy — holds the main thread for long.
 */
export interface ParsedHead {
  /** The document with every sheet's `cells` empty. */
  doc: ScenarioDocument;
  /** Each sheet's number of rows, in sheet order. */
  rows: number[];
}

export type ParsedHeadResult = Result<ParsedHead, FileProblem>;

/** The parser worker's API; the same checks as core's parseWorkbookFile and decodeWorkbookLink. */
export interface ParserApi {
  /**
   * A file's contents (a Blob is read in the worker, so the text never lands on the main thread)
   * checked, parsed, migrated and validated. `size` is checked first (File.size).
   */
  parseFile(source: string | Blob, size: number): Promise<ParsedHeadResult>;
  /** A link's fragment (`#w=…`) decoded, inflated and validated; null when it carries no workbook. */
  decodeLink(hash: string): Promise<ParsedHeadResult | null>;
  /** Rows `from` to `from + count` of sheet `sheet` (its index) of the document read last. */
  rows(sheet: number, from: number, count: number): Promise<RawCell[][]>;
}
