// What keeps a scenario's result from being trusted: the parameters it reads (with their ranges),
// the values outside those ranges, and — when an error reaches the result — where that error starts.
// Takes what it needs as accessors, so it works beside any session.
import { type Accessor, createEffect, createMemo, createSignal, on } from 'solid-js';
import type { ScenarioDocument } from '../core/document';
import { type ScenarioCheck, checkScenario, scenarioParameters } from '../core/scenario/errorOrigin';
import { type Parameter, type RangeWarning, checkValue } from '../core/scenario/parameters';
import { NUMERIC_NAMES, type ScenarioResult } from '../core/scenario/result';
import type { ErrorTrace } from '../../workers/contract';

export interface ScenarioChecksSource {
  doc: Accessor<ScenarioDocument>;
  result: Accessor<ScenarioResult | null>;
  /** The engine's error trace (EngineClient.traceErrors). */
  traceErrors: (names: string[]) => Promise<ErrorTrace>;
}

export interface ScenarioChecks {
  /** The result checked; null for a workbook that is not a scenario. */
  check: Accessor<ScenarioCheck | null>;
  /** The parameters the result reads: the baseline's, then each measure's. */
  parameters: Accessor<Parameter[]>;
  /** Typed values outside their sourced range, in parameter order. */
  warnings: Accessor<{ parameter: Parameter; warning: RangeWarning }[]>;
}

export function createScenarioChecks(source: ScenarioChecksSource): ScenarioChecks {
  const parameters = createMemo(() => scenarioParameters(source.doc()));
  const [trace, setTrace] = createSignal<ErrorTrace | null>(null);
  let asked = 0;
  createEffect(
    on(source.result, (r) => {
      const ask = ++asked;
      if (!r || r.broken.length === 0) {
        setTrace(null);
        return;
      }
      source
        .traceErrors(NUMERIC_NAMES)
        .then((t) => {
          if (ask === asked) setTrace(t);
        })
        // A trace that fails (engine restarting) leaves the result saying it cannot be computed.
        .catch(() => undefined);
    }),
  );
  const check = createMemo(() => {
    const r = source.result();
    return r ? checkScenario(r, parameters(), r.broken.length > 0 ? trace() : null) : null;
  });
  const warnings = createMemo(() =>
    parameters().flatMap((p) => {
      if (typeof p.value !== 'number') return [];
      const { warning } = checkValue(p, p.value);
      return warning ? [{ parameter: p, warning }] : [];
    }),
  );
  return { check, parameters, warnings };
}
