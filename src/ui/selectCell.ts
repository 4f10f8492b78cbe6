// Taking the planner to a cell: its sheet shown, the cell selected, the grid focused. Used by every
// view that names a cell (error origins, values out of range, meeting mode).
import type { WorkbookSession } from '../state/createWorkbookSession';
import type { CellTarget } from './charts/ScenarioPanel';

/** Show a cell to the planner: its sheet, the cell selected, the grid focused. */
export function selectCell(session: WorkbookSession, cell: CellTarget, focusGrid?: () => void): void {
  session.switchSheet(cell.sheetId);
  const at = { row: cell.row, col: cell.col };
  session.select({ active: at, extent: at });
  focusGrid?.();
}
