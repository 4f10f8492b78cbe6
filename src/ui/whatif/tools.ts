// The what-if tools the results pane offers, in tab order. Each tool is its own lazily loaded
// component, so none of them costs start-up bytes; adding a tool is adding one entry here.
import type { Accessor, Component } from 'solid-js';
import type { Parameter } from '../../core/scenario/parameters';
import type { WhatIf } from '../../state/createWhatIf';
import type { StringKey } from '../../i18n/strings';
import type { WorkbookSession } from '../../state/createWorkbookSession';
import type { CellTarget } from '../charts/ScenarioPanel';

/** What every tool is given: the open scenario, its parameters, the what-if worker. */
export interface WhatIfToolProps {
  session: WorkbookSession;
  parameters: Accessor<Parameter[]>;
  whatIf: WhatIf;
  onSelectCell: (cell: CellTarget) => void;
}

export interface WhatIfTool {
  id: string;
  /** The tab's name in the UI language. */
  label: StringKey;
  load: () => Promise<{ default: Component<WhatIfToolProps> }>;
}

export const WHAT_IF_TOOLS: WhatIfTool[] = [];
