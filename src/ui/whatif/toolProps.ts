// What every what-if tool is given, in a file of its own: tools.ts imports each tool lazily, so a
// tool importing this type from tools.ts would make an import cycle.
import type { Accessor } from 'solid-js';
import type { Parameter } from '../../core/scenario/parameters';
import type { WhatIf } from '../../state/createWhatIf';
import type { WorkbookSession } from '../../state/createWorkbookSession';
import type { CellTarget } from '../charts/ScenarioPanel';

/** What every tool is given: the open scenario, its parameters, the what-if worker. */
export interface WhatIfToolProps {
  session: WorkbookSession;
  parameters: Accessor<Parameter[]>;
  whatIf: WhatIf;
  onSelectCell: (cell: CellTarget) => void;
}
