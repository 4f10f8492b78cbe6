// What the open workbook shows of itself as a scenario: the engine's values of the watched named ranges
// (the charts' data), the trajectory, measures and key figures read from them, and which sheets are
// measures wired into the trajectory.
import { type Accessor, batch, createMemo, createSignal } from 'solid-js';
import type { ScenarioDocument } from '../core/document';
import { CHART_NAME } from '../core/scenario/layout';
import { type ScenarioResult, readScenarioResult } from '../core/scenario/result';
import { measureSlots } from '../core/scenario/scenario';
import type { NamedValues } from '../core/values';

export function createScenarioView(doc: Accessor<ScenarioDocument>) {
  const [named, setNamed] = createSignal<NamedValues | null>(null);
  /** The engine's newest named values with the revision they reflect (stored values have none). */
  const [answered, setAnswered] = createSignal<{ values: NamedValues; revision: number } | null>(null);

  /** The scenario's trajectory, measures and key figures, when this workbook is a scenario. */
  const scenario = createMemo<ScenarioResult | null>(() => {
    const n = named();
    return n ? readScenarioResult(n) : null;
  });
  const isScenario = createMemo(() => doc().names.some((n) => n.name === CHART_NAME.years));
  /** Measure sheets wired into the trajectory, by id. */
  const measureSheets = createMemo(
    () => new Set(measureSlots(doc()).flatMap((s) => (s.sheet ? [s.sheet.id] : []))),
  );

  return {
    named,
    answered,
    scenario,
    isScenario,
    measureSheets,
    /** The engine's values of the watched names for `revision`. */
    receive(values: NamedValues, revision: number): void {
      batch(() => {
        setNamed(values);
        setAnswered({ values, revision });
      });
    },
    /** Stored values, shown until the engine answers. */
    paint(values: NamedValues): void {
      setNamed(values);
    },
  };
}
