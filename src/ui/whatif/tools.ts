// The what-if tools the results pane offers, in tab order. Each tool is its own lazily loaded
// component, so none of them costs start-up bytes; adding a tool is adding one entry here.
import type { Component } from 'solid-js';
import type { StringKey } from '../../i18n/strings';
import type { WhatIfToolProps } from './toolProps';

export type { WhatIfToolProps } from './toolProps';

export interface WhatIfTool {
  id: string;
  /** The tab's name in the UI language. */
  label: StringKey;
  load: () => Promise<{ default: Component<WhatIfToolProps> }>;
}

export const WHAT_IF_TOOLS: WhatIfTool[] = [
  { id: 'goal-seek', label: 'toolGoalSeek', load: () => import('./GoalSeekTool') },
  { id: 'data-table', label: 'toolDataTable', load: () => import('./DataTableTool') },
  { id: 'tornado', label: 'toolTornado', load: () => import('./TornadoTool') },
  { id: 'monte-carlo', label: 'mcTab', load: () => import('./MonteCarloTool') },
];
