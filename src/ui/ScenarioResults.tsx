// The results pane's content: the levers, the scenario checked (createScenarioChecks) and drawn by
// the lazy ScenarioPanel; an error's origin or a value out of range selects its cell in the grid.
import { lazy } from 'solid-js';
import { type ScenarioChecksSource, createScenarioChecks } from '../state/createScenarioChecks';
import type { WorkbookSession } from '../state/createWorkbookSession';
import type { WhatIf } from '../state/createWhatIf';
import { ParametersView } from './ParametersView';
import { selectCell } from './selectCell';
import { WhatIfPanel } from './whatif/WhatIfPanel';
import { LeversPanel } from './levers/LeversPanel';

const ScenarioPanel = lazy(() =>
  import('./charts/ScenarioPanel').then((m) => ({ default: m.ScenarioPanel })),
);

export function ScenarioResults(props: {
  session: WorkbookSession;
  traceErrors: ScenarioChecksSource['traceErrors'];
  whatIf: WhatIf;
  focusGrid?: () => void;
}) {
  const checks = createScenarioChecks({
    doc: props.session.doc,
    result: props.session.scenario,
    traceErrors: (names) => props.traceErrors(names),
  });
  const levers = props.session.levers;
  return (
    <>
      <LeversPanel levers={levers} />
      <ScenarioPanel
        live={() => levers.preview() !== null}
        originalBau={levers.originalBau}
        result={props.session.scenario}
        workbookName={() => props.session.doc().meta.name}
        check={checks.check}
        warnings={checks.warnings}
        onSelectCell={(cell) => selectCell(props.session, cell, props.focusGrid)}
      />
      <ParametersView
        parameters={checks.parameters}
        doc={props.session.doc}
        onSet={(p, value) =>
          props.session.execute(
            { type: 'setCells', sheetId: p.sheetId, row: p.row, col: p.col, values: [[value]] },
            'edit-parameter',
          )
        }
        onSelect={(p) => selectCell(props.session, p, props.focusGrid)}
      />
      <WhatIfPanel
        session={props.session}
        parameters={checks.parameters}
        whatIf={props.whatIf}
        onSelectCell={(cell) => selectCell(props.session, cell, props.focusGrid)}
      />
    </>
  );
}
