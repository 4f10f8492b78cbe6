// Computed cell values as the engine returns them and every layer reads them: plain data, defined
// once here so the worker contract, the scenario reader and the formatters share one shape.

/** Error codes as Excel shows them. */
export type ErrorCode =
  | '#DIV/0!'
  | '#REF!'
  | '#NAME?'
  | '#CYCLE!'
  | '#VALUE!'
  | '#N/A'
  | '#NUM!'
  | '#ERROR!'
  | '#SPILL!'
  | '#LIC!';

export interface CellErrorValue {
  error: ErrorCode;
  /** The engine's explanation, shown on hover and focus. */
  message: string;
}

/** A computed value: a number, text, a boolean, an error, or null for empty. */
export type CellValue = number | string | boolean | null | CellErrorValue;

/** Values of named ranges (e.g. `Chart_Projected`), each as rows of cells. */
export type NamedValues = Record<string, CellValue[][]>;
