// The climate fund of the open workbook: its fund sheet's computed values read into the fund model
// (core/fund), a new decision written as one undoable edit, and a decision's measure added to a
// scenario in one step. Takes what it needs from the app, so it works beside any session.
import { type Accessor, createEffect, createSignal, on } from 'solid-js';
import { type ScenarioId, usedSize } from '../core/document';
import {
  type DecisionInput,
  type DecisionProblem,
  addDecisionCommand,
  decisionMeasure,
  decisionProblems,
} from '../core/fund/decisions';
import type { Decision, FundData } from '../core/fund/fund';
import { findFundSheet, readFund } from '../core/fund/readFund';
import type { AppState } from './createAppState';
import { type ScenarioChoice, createComparison } from './createComparison';

export type FundHost = Pick<
  AppState,
  'session' | 'computedValues' | 'catalog' | 'readWorkbook' | 'openById' | 'loadTemplates'
>;

export type AddDecisionResult =
  | { ok: true }
  | { ok: false; problems: DecisionProblem[] }
  | { ok: false; full: 'decisions' | 'costLines' };

export type AddToScenarioResult =
  | { ok: true; scenario: string }
  | { ok: false; reason: 'no-template' | 'not-opened' | 'no-slot' };

export interface Fund {
  /** True when the open workbook has a fund sheet. */
  isFund: Accessor<boolean>;
  /** The fund read from the engine's values; null until they arrive or without a fund sheet. */
  data: Accessor<FundData | null>;
  /** Read the fund again now (it is read after every change of the document by itself). */
  read(): Promise<FundData | null>;
  addDecision(input: DecisionInput): AddDecisionResult;
  /** The scenarios a decision's measure can be added to. */
  scenarios(): Promise<ScenarioChoice[]>;
  /** Open the scenario and add the decision's measure, built from its template, to it (undoable there). */
  addToScenario(decision: Decision, scenario: ScenarioId): Promise<AddToScenarioResult>;
}

export function createFund(app: FundHost): Fund {
  const sheet = () => findFundSheet(app.session().doc()) ?? null;
  const [data, setData] = createSignal<FundData | null>(null);
  let asked = 0;

  /** Read the fund from the engine's values once everything sent so far is calculated; the latest read wins. */
  async function read(): Promise<FundData | null> {
    const ask = ++asked;
    const s = sheet();
    if (!s) {
      setData(null);
      return null;
    }
    const size = usedSize(s);
    const fund = readFund(await app.computedValues(s.id, size.rows, size.cols));
    if (ask === asked) setData(fund);
    return fund;
  }
  // Every change of the document (an edit, undo, another workbook opened) reads again.
  createEffect(
    on(
      () => app.session().doc(),
      () => void read(),
    ),
  );

  function addDecision(input: DecisionInput): AddDecisionResult {
    const s = sheet();
    const fund = data();
    if (!s || !fund) return { ok: false, problems: [] };
    const problems = decisionProblems(input, fund);
    if (problems.length > 0) return { ok: false, problems };
    const added = addDecisionCommand(s, input);
    if (!added.ok) return { ok: false, full: added.full };
    app.session().execute(added.command, 'fund-add-decision');
    return { ok: true };
  }

  async function addToScenario(decision: Decision, scenario: ScenarioId): Promise<AddToScenarioResult> {
    const template = (await app.loadTemplates()).find((m) => m.stem === decision.template);
    if (!template) return { ok: false, reason: 'no-template' };
    const measure = decisionMeasure(template.doc, decision);
    if (!(await app.openById(scenario))) return { ok: false, reason: 'not-opened' };
    const session = app.session();
    const added = session.addMeasure(measure);
    if (added === 'no-slot') return { ok: false, reason: 'no-slot' };
    return { ok: true, scenario: session.doc().meta.name };
  }

  return {
    isFund: () => sheet() !== null,
    data,
    read,
    addDecision,
    scenarios: () => createComparison(app).candidates(),
    addToScenario,
  };
}
