// Per workbook, the cells the engine set aside for taking too long (engine/quarantine.ts), kept in
// localStorage: read synchronously before a workbook's first load, so a workbook that once hung the
// engine opens at once, with the same cells named, instead of hanging again.
import type { ScenarioId } from '../core/document';
import type { QuarantinedCell } from '../engine/engineClient';

const PREFIX = 'bana-quarantine-';

/** The stored list of a workbook; empty when there is none or it cannot be read. */
export function readQuarantine(id: ScenarioId): QuarantinedCell[] {
  try {
    const text = globalThis.localStorage?.getItem(PREFIX + id);
    const parsed: unknown = text ? JSON.parse(text) : [];
    return Array.isArray(parsed) ? parsed.filter(isQuarantinedCell) : [];
  } catch {
    return [];
  }
}

/** Keep the list of a workbook (an empty list removes it). Best effort: without it, a hang is found again. */
export function writeQuarantine(id: ScenarioId, cells: QuarantinedCell[]): void {
  try {
    if (cells.length === 0) globalThis.localStorage?.removeItem(PREFIX + id);
    else globalThis.localStorage?.setItem(PREFIX + id, JSON.stringify(cells));
  } catch {
    // Storage full or blocked: the search finds the cells again on the next open.
  }
}

function isQuarantinedCell(value: unknown): value is QuarantinedCell {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.sheetId === 'string' &&
    typeof c.sheet === 'string' &&
    Number.isInteger(c.row) &&
    Number.isInteger(c.col) &&
    (c.contents === null || ['string', 'number', 'boolean'].includes(typeof c.contents))
  );
}
