// The app shell: header (workbook, save state, language), notices, formula bar, grid, sheet tabs,
// status line and the workbook list. It renders state and forwards user intent; it owns no data.
import { Show, createEffect, createMemo, createSignal, lazy, on, onCleanup } from 'solid-js';
import type { SheetId } from '../core/document';
import { findFundSheet } from '../core/fund/readFund';
import type { UiLocale } from '../i18n/strings';
import type { AppState } from '../state/createAppState';
import type { Sharing } from '../state/createSharing';
import type { WorkbookSession } from '../state/createWorkbookSession';
import { DialogHost, createDialogs } from './Dialogs';
import { formatShortcut } from './FormatControl';
import { FormulaBar } from './FormulaBar';
import { Grid } from './grid/Grid';
import { useI18n } from './i18nContext';
import { KeyboardHelp, usePageKeys } from './KeyboardHelp';
import { Notices } from './Notices';
import { SheetTabs } from './SheetTabs';
import { AddMeasureDialog, NewScenarioDialog } from './ScenarioDialogs';
import { ExcelControls } from './excel/ExcelControls';
import { MeetingControls } from './meeting/MeetingControls';
import { PrintHeader } from './meeting/PrintHeader';
import { ShareControls } from './share/ShareControls';
import { VersionControls } from './versions/VersionControls';
import { WorkbookList } from './WorkbookList';
import './app.css';
import './print.css';

/** Charts load with the first scenario that is opened, not at start-up. */
/** The climate fund view loads when it is first shown. */
const FundView = lazy(() => import('./fund/FundView').then((m) => ({ default: m.FundView })));
/** Loaded with the first scenario shown, the first fresh profile, the first guided start. */
const ScenarioResults = lazy(() => import('./ScenarioResults').then((m) => ({ default: m.ScenarioResults })));
const StartView = lazy(() => import('./start/StartView').then((m) => ({ default: m.StartView })));
const GuidedStart = lazy(() => import('./start/GuidedStart').then((m) => ({ default: m.GuidedStart })));

const GRID_ID = 'sheet-grid';
/** A calculation busy this long gets a visible progress indication and a Cancel button. */
const SLOW_CALCULATION_MS = 1500;

export function App(props: {
  app: AppState;
  sharing: Sharing;
  setLocale: (locale: UiLocale) => void;
  /** Open on the start view (a fresh profile: see startViewWanted). */
  startView?: boolean;
}) {
  const { t, locale } = useI18n();
  const dialogs = createDialogs();
  const [showList, setShowList] = createSignal(false);
  const [showCharts, setShowCharts] = createSignal(true);
  const [showFund, setShowFund] = createSignal(false);
  const [pickMeasure, setPickMeasure] = createSignal(false);
  const [newScenario, setNewScenario] = createSignal(false);
  const [showHelp, setShowHelp] = createSignal(false);
  const [guidedStart, setGuidedStart] = createSignal(false);
  const [startOpen, setStartOpen] = createSignal(props.startView ?? false);
  usePageKeys(() => setShowHelp(true));
  const session = () => props.app.session();
  const isFund = createMemo(() => findFundSheet(session().doc()) !== undefined);
  const calculating = createMemo(() => props.app.engineStatus().state === 'busy');
  const [slowCalculation, setSlowCalculation] = createSignal(false);
  createEffect(() => {
    if (!calculating()) {
      setSlowCalculation(false);
      return;
    }
    const timer = setTimeout(() => setSlowCalculation(true), SLOW_CALCULATION_MS);
    onCleanup(() => clearTimeout(timer));
  });

  function focusGrid(): void {
    queueMicrotask(() =>
      document.querySelector<HTMLElement>(`#${GRID_ID} [role=grid], [role=grid]#${GRID_ID}`)?.focus(),
    );
  }

  // Following another tab's save replaces the session and with it the grid that had focus: focus
  // would fall to <body> and the next keys typed would go nowhere. The new grid gets it back.
  let gridHadFocus = false;
  const trackFocus = (event: FocusEvent) => {
    gridHadFocus = event.target instanceof Element && event.target.closest('[role=grid]') !== null;
  };
  document.addEventListener('focusin', trackFocus);
  onCleanup(() => document.removeEventListener('focusin', trackFocus));
  createEffect(
    on(
      session,
      () => {
        const focused = document.activeElement;
        if (gridHadFocus && (!focused || focused === document.body)) focusGrid();
      },
      { defer: true },
    ),
  );

  async function renameSheet(s: WorkbookSession, id: SheetId): Promise<void> {
    const sheet = s.doc().sheets.find((x) => x.id === id);
    if (!sheet) return;
    const name = await dialogs.prompt(t('renameSheet'), t('sheetName'), sheet.name, t('rename'), (value) => {
      const problem = s.renameSheetProblem(id, value);
      return problem ? t(`sheetNameProblem_${problem}`) : null;
    });
    if (name !== null) s.renameSheet(id, name);
  }

  async function removeMeasure(s: WorkbookSession, id: SheetId): Promise<void> {
    const sheet = s.doc().sheets.find((x) => x.id === id);
    if (!sheet) return;
    const name = String(sheet.cells[0]?.[0] ?? sheet.name);
    const ok = await dialogs.confirm(
      t('removeMeasure'),
      t('confirmRemoveMeasure', { name }),
      t('removeMeasure'),
    );
    if (ok) s.removeMeasure(id);
  }

  async function deleteSheet(s: WorkbookSession, id: SheetId): Promise<void> {
    const sheet = s.doc().sheets.find((x) => x.id === id);
    if (!sheet || s.doc().sheets.length <= 1) return;
    const ok = await dialogs.confirm(
      t('deleteSheet'),
      t('confirmDeleteSheet', { name: sheet.name }),
      t('delete'),
    );
    if (ok) s.removeSheet(id);
  }

  const saveText = createMemo(() => {
    const status = props.app.saveStatus().state;
    if (!props.app.storageAvailable()) return t('saveFailed');
    return status === 'saved'
      ? t('saved')
      : status === 'saving'
        ? t('saving')
        : status === 'pending'
          ? t('unsaved')
          : t('saveFailed');
  });

  return (
    <div class="app" lang={locale()}>
      <a
        class="skip-link"
        href={`#${GRID_ID}`}
        onClick={(e) => {
          e.preventDefault();
          focusGrid();
        }}
      >
        {t('skipToGrid')}
      </a>
      <header class="app-header">
        <span class="brand">{t('appName')}</span>
        <h1 class="workbook-title">{session().doc().meta.name}</h1>
        <span
          class="save-state"
          classList={{ bad: props.app.saveStatus().state === 'error' || !props.app.storageAvailable() }}
          role="status"
        >
          {saveText()}
        </span>
        <Show
          when={props.app.engineStatus().state === 'busy' || props.app.engineStatus().state === 'restarting'}
        >
          <span class="calc-state" role="status" aria-live="polite">
            {t('calculating')}
          </span>
        </Show>
        <Show when={session().showingSavedValues()}>
          <span class="calc-state saved-values-state" role="status" aria-live="polite">
            {t('savedValuesShown')}
          </span>
        </Show>
        <div class="header-actions">
          <button
            type="button"
            aria-label={t('undo')}
            title={`${t('undo')} (Ctrl+Z)`}
            disabled={session().history().undo.length === 0}
            onClick={() => session().undo()}
          >
            ↶
          </button>
          <button
            type="button"
            aria-label={t('redo')}
            title={`${t('redo')} (Ctrl+Y)`}
            disabled={session().history().redo.length === 0}
            onClick={() => session().redo()}
          >
            ↷
          </button>
          {/* Extension points: each feature owns its controls (sharing, Excel, versions, meeting mode). */}
          <ShareControls sharing={props.sharing} />
          <ExcelControls app={props.app} />
          <VersionControls app={props.app} />
          <MeetingControls app={props.app} />
          <Show when={session().isScenario()}>
            <button type="button" aria-pressed={showCharts()} onClick={() => setShowCharts(!showCharts())}>
              {t('showCharts')}
            </button>
          </Show>
          <Show when={isFund()}>
            <button type="button" aria-pressed={showFund()} onClick={() => setShowFund(!showFund())}>
              {t('fundView')}
            </button>
          </Show>
          <button type="button" onClick={() => setNewScenario(true)}>
            {t('newScenario')}
          </button>
          <button type="button" aria-haspopup="dialog" onClick={() => setGuidedStart(true)}>
            {t('startOwnRegion')}
          </button>
          <button
            type="button"
            aria-expanded={showList()}
            aria-controls="workbook-panel"
            onClick={() => setShowList(!showList())}
          >
            {t('workbooks')}
          </button>
          <button
            type="button"
            aria-haspopup="dialog"
            aria-label={t('keyboardHelp')}
            title={t('keyboardHelpHint')}
            onClick={() => setShowHelp(true)}
          >
            ?
          </button>
          <label class="language">
            <span class="visually-hidden">{t('language')}</span>
            <select
              aria-label={t('language')}
              value={locale()}
              onChange={(e) => props.setLocale(e.currentTarget.value as UiLocale)}
            >
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </select>
          </label>
        </div>
      </header>
      <Show when={slowCalculation()}>
        <div class="notice info calc-progress" role="status" aria-live="polite">
          <progress aria-label={t('calculating')} />
          <p>{t('stillCalculating')}</p>
          <button type="button" class="primary" onClick={() => props.app.cancelCalculation()}>
            {t('cancelCalculation')}
          </button>
        </div>
      </Show>
      <Notices app={props.app} />
      <Show when={showList()}>
        <div id="workbook-panel" class="workbook-panel">
          <WorkbookList
            app={props.app}
            dialogs={dialogs}
            onOpened={() => {
              setShowList(false);
              focusGrid();
            }}
          />
        </div>
      </Show>
      <Show when={startOpen()}>
        <StartView
          app={props.app}
          scenarios={() => import('../state/startScenarios').then((m) => m.startScenarios(props.app))}
          onStartRegion={() => setGuidedStart(true)}
          onContinue={() => {
            setStartOpen(false);
            focusGrid();
          }}
          onOpen={(id) =>
            void props.app.openById(id).then((opened) => {
              if (!opened) return;
              setStartOpen(false);
              setShowCharts(true);
              focusGrid();
            })
          }
        />
      </Show>
      <Show when={!startOpen() && session()} keyed>
        {(s) => (
          <div class="workbook-area">
            <Workbook
              session={s}
              onRenameSheet={(id) => void renameSheet(s, id)}
              onDeleteSheet={(id) => void deleteSheet(s, id)}
              onAddMeasure={() => setPickMeasure(true)}
              onRemoveMeasure={(id) => void removeMeasure(s, id)}
              focusGrid={focusGrid}
            />
            <Show when={s.isScenario() && showCharts()}>
              <aside class="results-pane" aria-label={t('scenarioResults')}>
                <PrintHeader name={s.doc().meta.name} />
                <ScenarioResults
                  session={s}
                  traceErrors={(names) => props.app.engine.traceErrors(names)}
                  whatIf={props.app.whatIf}
                  focusGrid={focusGrid}
                />
              </aside>
            </Show>
            <Show when={isFund() && showFund()}>
              <aside class="results-pane fund-pane" aria-label={t('fundView')}>
                <FundView app={props.app} />
              </aside>
            </Show>
          </div>
        )}
      </Show>
      <Show when={pickMeasure()}>
        <AddMeasureDialog
          loadTemplates={props.app.loadTemplates}
          onClose={() => setPickMeasure(false)}
          onAdd={(template) => {
            setPickMeasure(false);
            const added = session().addMeasure(template.doc);
            if (added === 'no-slot') void dialogs.confirm(t('addMeasure'), t('noFreeSlot'), t('ok'));
            else focusGrid();
          }}
        />
      </Show>
      <Show when={newScenario()}>
        <NewScenarioDialog
          loadTemplates={props.app.loadTemplates}
          loadBaselines={props.app.loadBaselines}
          onClose={() => setNewScenario(false)}
          onCreate={(name, baseline, templates) => {
            setNewScenario(false);
            void props.app.createScenario(name, baseline, templates).then(() => {
              setShowCharts(true);
              focusGrid();
            });
          }}
        />
      </Show>
      <Show when={guidedStart()}>
        <GuidedStart
          onClose={() => setGuidedStart(false)}
          onCreate={(spec) => {
            setGuidedStart(false);
            void import('../core/region/regionScenario')
              .then((m) => props.app.addWorkbook(m.buildRegionScenario(spec)))
              .then(() => {
                setStartOpen(false);
                setShowCharts(true);
                focusGrid();
              });
          }}
        />
      </Show>
      <Show when={showHelp()}>
        <KeyboardHelp onClose={() => setShowHelp(false)} />
      </Show>
      <DialogHost request={dialogs.request} onClose={dialogs.close} />
    </div>
  );
}

function Workbook(props: {
  session: WorkbookSession;
  onRenameSheet: (id: SheetId) => void;
  onDeleteSheet: (id: SheetId) => void;
  onAddMeasure: () => void;
  onRemoveMeasure: (id: SheetId) => void;
  focusGrid: () => void;
}) {
  const { t } = useI18n();
  const s = props.session;

  const activeError = () => {
    const { active } = s.selection();
    const cell = s.display(active.row, active.col);
    return cell.errorMessage
      ? t('errorInCell', { address: s.activeAddress(), message: cell.errorMessage })
      : '';
  };

  return (
    <main class="workbook">
      <FormulaBar session={s} onJumped={props.focusGrid} onDone={props.focusGrid} />
      <div
        class="grid-host"
        id="sheet-grid-host"
        classList={{ 'showing-saved-values': s.showingSavedValues() }}
      >
        <Show when={s.activeSheetId()} keyed>
          <Grid
            model={s}
            actions={s}
            label={s.activeSheet().name}
            id="sheet-grid"
            onShortcut={(e) => formatShortcut(e, s)}
            onSwitchSheet={(step) => {
              const sheets = s.doc().sheets;
              const next = sheets[sheets.findIndex((x) => x.id === s.activeSheetId()) + step];
              if (!next) return;
              s.switchSheet(next.id);
              props.focusGrid();
            }}
            strings={{
              cellEditor: t('cellEditor'),
              resizeColumn: (col: string) => t('resizeColumn', { col }),
              choices: {
                choiceList: (cell: string) => t('choiceList', { cell }),
                openChoices: (cell: string) => t('openChoices', { cell }),
              },
            }}
          />
        </Show>
      </div>
      <SheetTabs
        sheets={s.doc().sheets}
        activeId={s.activeSheetId()}
        gridId="sheet-grid"
        onSelect={(id) => s.switchSheet(id)}
        onAdd={() => {
          s.addSheet();
          props.focusGrid();
        }}
        onRename={props.onRenameSheet}
        onDelete={props.onDeleteSheet}
        onMove={(id, index) => s.moveSheet(id, index)}
        actions={
          <Show when={s.isScenario()}>
            <div class="scenario-actions">
              <button type="button" onClick={() => props.onAddMeasure()}>
                {t('addMeasure')}
              </button>
              <Show when={s.measureSheets().has(s.activeSheetId())}>
                <button type="button" class="danger" onClick={() => props.onRemoveMeasure(s.activeSheetId())}>
                  {t('removeMeasure')}
                </button>
              </Show>
            </div>
          </Show>
        }
      />
      <footer class="status-bar">
        <span class="cell-error" role="status" aria-live="polite">
          {activeError()}
        </span>
      </footer>
    </main>
  );
}
