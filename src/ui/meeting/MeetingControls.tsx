// The header's "Meeting mode" button, shown while the open workbook is a scenario. It opens the
// slides and puts focus back on itself when they close.
import { Show, createSignal, lazy } from 'solid-js';
import type { AppState } from '../../state/createAppState';
import { createScenarioChecks } from '../../state/createScenarioChecks';
import type { WorkbookSession } from '../../state/createWorkbookSession';
import { selectCell } from '../selectCell';
import { useI18n } from '../i18nContext';
import './meeting.css';

/** Loaded when meeting mode first opens. */
const MeetingMode = lazy(() => import('./MeetingMode').then((m) => ({ default: m.MeetingMode })));

export function MeetingControls(props: { app: AppState }) {
  const { t } = useI18n();
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  // The session is null while the first workbook opens.
  const session = (): WorkbookSession | null => props.app.session() ?? null;

  function exit(): void {
    setOpen(false);
    // Closing removed the app's `inert` synchronously, so the button can take focus again.
    button?.focus();
  }

  return (
    <>
      <Show when={session()?.isScenario()}>
        <button ref={button} type="button" class="meeting-button" onClick={() => setOpen(true)}>
          {t('meetingMode')}
        </button>
      </Show>
      <Show when={open() && session()?.isScenario() ? session() : null} keyed>
        {(s) => {
          const checks = createScenarioChecks({
            doc: s.doc,
            result: s.scenario,
            traceErrors: (names) => props.app.engine.traceErrors(names),
          });
          return (
            <MeetingMode
              result={s.scenario}
              workbookName={() => s.doc().meta.name}
              onExit={exit}
              check={checks.check}
              levers={s.levers}
              onSelectCell={(cell) => {
                exit();
                selectCell(s, cell);
              }}
            />
          );
        }}
      </Show>
    </>
  );
}
