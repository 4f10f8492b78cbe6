// Values before the engine: which document version each engine answer belongs to, the record of the
// last computed values that goes with a save, and painting a stored record at once on open, marked
// as the last saved values until the engine's own first answer replaces it. Derived, never the truth.
import { type Accessor, createSignal } from 'solid-js';
import type { ScenarioDocument } from '../core/document';
import type { NamedValues } from '../core/values';
import { type DerivedValuesRecord, captureDerivedValues, derivedValuesFor } from '../storage/derivedValues';
import type { RangeValues } from '../../workers/contract';

/** Revisions remembered with their document version: enough for every answer still in flight. */
const MAX_VERSIONS = 64;

export interface SavedValuesOptions {
  /** The engine's newest values of the viewport, and of the watched names with their revision. */
  view: Accessor<RangeValues | null>;
  named: Accessor<{ values: NamedValues; revision: number } | null>;
}

export function createSavedValues(options: SavedValuesOptions) {
  const versionOf = new Map<number, string>();
  const [showing, setShowing] = createSignal(false);
  let answered = false;

  /** `revision` is sent to the engine for the document version `updatedAt`. */
  function sent(revision: number, updatedAt: string): void {
    versionOf.set(revision, updatedAt);
    if (versionOf.size > MAX_VERSIONS) versionOf.delete(versionOf.keys().next().value as number);
  }

  /** The engine answered: from now on its values are shown, never stored ones. */
  function confirmed(): void {
    answered = true;
    setShowing(false);
  }

  /** The values to store with `doc`: only those the engine computed from exactly this version. */
  function recordFor(doc: ScenarioDocument): DerivedValuesRecord | undefined {
    const version = doc.meta.updatedAt;
    const view = options.view();
    const named = options.named();
    const viewFits = view !== null && versionOf.get(view.revision) === version;
    const namedFits = named !== null && versionOf.get(named.revision) === version;
    if (!viewFits && !namedFits) return undefined;
    return captureDerivedValues({
      workbookId: doc.id,
      updatedAt: version,
      revision: Math.max(viewFits ? view.revision : 0, namedFits ? named.revision : 0),
      view: viewFits ? view : undefined,
      named: namedFits ? named.values : undefined,
    });
  }

  /**
   * A stored record of `doc`, when it still describes this version and the engine has not answered
   * yet: the view and the named ranges to paint now (else null).
   */
  function usable(
    record: DerivedValuesRecord | undefined,
    doc: ScenarioDocument,
  ): { view?: RangeValues; named: NamedValues } | null {
    const current = derivedValuesFor(record, doc.id, doc.meta.updatedAt);
    if (!current || answered) return null;
    setShowing(true);
    // Stored values are plain engine values (DerivedValue mirrors CellValue); revision 0 is older than
    // any answer, so the engine's first values always replace them.
    const view = current.view ? ({ ...current.view, revision: 0 } as RangeValues) : undefined;
    return { view, named: current.named as NamedValues };
  }

  return {
    /** True while the grid and charts show stored values the engine has not confirmed yet. */
    showing,
    sent,
    confirmed,
    recordFor,
    usable,
  };
}
