// The levers' state on a fake engine: a dragged value is previewed with at most one evaluation in
// flight and the newest value next, release writes one edit, Escape puts the document's value back
// in the engine, resets go to the opened values, and the opened BAU is kept while an assumption moves.
import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { type Command, applyCommand } from '../../src/core/commands';
import type { RawCell, ScenarioDocument } from '../../src/core/document';
import { CHART_NAME } from '../../src/core/scenario/layout';
import { allLevers } from '../../src/core/scenario/levers';
import type { NamedValues } from '../../src/core/values';
import { createLevers } from '../../src/state/createLevers';
import type { EngineOp } from '../../workers/contract';
import { shippedScenarios } from './support';

// Node resolves solid-js to its server build, whose memos and effects run once: use the browser's.
vi.mock('solid-js', () => import(/* the client build */ `${'../../node_modules/solid-js/dist/solid.js'}`));

const [, dalarna] = shippedScenarios();

function setup(initial: ScenarioDocument = dalarna!) {
  return createRoot(() => {
    const [doc, setDoc] = createSignal(initial);
    const [answered, setAnswered] = createSignal<{ values: NamedValues; revision: number } | null>(null);
    let revision = 1;
    const applied: { ops: EngineOp[]; revision: number; done: () => void }[] = [];
    const executed: { command: Command; label: string }[] = [];
    const sent: number[] = [];
    const levers = createLevers({
      engine: {
        apply: (ops, rev) =>
          new Promise<void>((resolve) => {
            applied.push({ ops, revision: rev, done: resolve });
          }),
        getValues: async (range) => ({ ...range, values: [-0.037], revision }),
      },
      doc,
      opened: initial,
      answered,
      revision: () => revision,
      nextRevision: () => ++revision,
      sent: (rev) => sent.push(rev),
      execute: (command, label) => {
        revision++;
        const next = applyCommand(doc(), command).doc;
        const revert = levers.takePreview(next);
        if (revert) applied.push({ ops: [revert], revision, done: () => {} });
        setDoc(next);
        executed.push({ command, label });
        return true;
      },
    });
    const lever = (name: string) =>
      allLevers(levers.classification()).find((l) => l.parameter.name === name)!;
    const valuesSent = () => applied.map((a) => a.ops.map((o) => o.values[0]?.[0]));
    const finish = async () => {
      applied.at(-1)?.done();
      await new Promise((r) => setTimeout(r, 0));
    };
    const bau = (values: number[]): NamedValues => ({ [CHART_NAME.bau]: [values] });
    return {
      levers,
      lever,
      applied,
      executed,
      sent,
      valuesSent,
      finish,
      doc,
      setAnswered,
      bau,
      rev: () => revision,
    };
  });
}

describe('createLevers preview', () => {
  it('keeps one evaluation in flight and sends the newest value next (the latest wins)', async () => {
    const s = setup();
    const share = s.lever('Uppsamlingsandel');
    for (const v of [0.4, 0.45, 0.5, 0.55]) s.levers.previewCell(share.parameter, v);
    expect(s.valuesSent()).toEqual([[0.4]]);
    expect(s.levers.value(share)).toBe(0.55);
    await s.finish();
    expect(s.valuesSent()).toEqual([[0.4], [0.55]]);
    await s.finish();
    expect(s.applied).toHaveLength(2);
    // Nothing reached the document, the history or storage.
    expect(s.executed).toEqual([]);
    expect(s.sent).toEqual([]);
  });

  it('commits one edit on release with the last value, and the engine ends with the document’s value', async () => {
    const s = setup();
    const share = s.lever('Uppsamlingsandel');
    s.levers.previewCell(share.parameter, 0.4);
    s.levers.previewCell(share.parameter, 0.7);
    expect(s.levers.endPreview(true)).toBe(true);
    expect(s.executed).toHaveLength(1);
    expect(s.executed[0]?.command).toMatchObject({ type: 'setCells', values: [[0.7]] });
    expect(s.levers.preview()).toBeNull();
    // The waiting 0.7 is not sent after the edit as a preview: the edit carries it.
    await s.finish();
    await s.finish();
    expect(s.valuesSent()).toEqual([[0.4], [0.7]]);
    expect(s.levers.value(share)).toBe(0.7);
  });

  it('on Escape puts the document’s value back in the engine under a revision the saved values know', async () => {
    const s = setup();
    const share = s.lever('Uppsamlingsandel');
    s.levers.previewCell(share.parameter, 0.4);
    expect(s.levers.endPreview(false)).toBe(false);
    expect(s.valuesSent()).toEqual([[0.4], [0.6]]);
    expect(s.sent).toEqual([s.applied[1]!.revision]);
    expect(s.executed).toEqual([]);
    expect(s.levers.value(share)).toBe(0.6);
  });

  it('a release at the stored value makes no edit', () => {
    const s = setup();
    const share = s.lever('Uppsamlingsandel');
    s.levers.previewCell(share.parameter, 0.6);
    expect(s.levers.endPreview(true)).toBe(false);
    expect(s.executed).toEqual([]);
  });
});

describe('createLevers resets', () => {
  it('resets one lever, or all in one edit, to the values the workbook was opened with', () => {
    const s = setup();
    const share = s.lever('Uppsamlingsandel');
    const volume = s.lever('Ersatt fossilt bränsle per år');
    s.levers.previewCell(share.parameter, 0.8);
    s.levers.endPreview(true);
    s.levers.previewCell(volume.parameter, 700_000);
    s.levers.endPreview(true);
    expect(s.levers.changed(share) && s.levers.changed(volume)).toBe(true);
    s.levers.reset(share);
    expect(s.levers.value(share)).toBe(0.6);
    s.levers.previewCell(share.parameter, 0.5);
    s.levers.endPreview(true);
    s.levers.resetAll();
    expect(s.executed.at(-1)).toMatchObject({ label: 'reset-levers', command: { type: 'batch' } });
    expect(s.levers.value(share)).toBe(0.6);
    expect(s.levers.value(volume)).toBe(600_000);
    expect(s.levers.anyChanged()).toBe(false);
  });

  it('resets a formula assumption to its formula; its tick is the value the formula gave', async () => {
    const s = setup();
    const trend = s.lever('Förändring per år utan åtgärder (BAU)');
    s.setAnswered({ values: s.bau([1, 2]), revision: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.levers.value(trend)).toBe(-0.037);
    expect(s.levers.referenceValue(trend)).toBe(-0.037);
    s.levers.previewCell(trend.parameter, 0);
    s.levers.endPreview(true);
    expect(s.levers.value(trend)).toBe(0);
    s.levers.reset(trend);
    const p = trend.parameter;
    const raw: RawCell | undefined = s.doc().sheets.find((x) => x.id === p.sheetId)?.cells[p.row]?.[p.col];
    expect(raw).toMatch(/^=/);
  });
});

describe('createLevers original baseline', () => {
  it('draws the opened BAU only while a changed assumption has moved the BAU', () => {
    const s = setup();
    const trend = s.lever('Förändring per år utan åtgärder (BAU)');
    const share = s.lever('Uppsamlingsandel');
    s.setAnswered({ values: s.bau([100, 96]), revision: s.rev() });
    // A lever (not an assumption) moves: no second baseline.
    s.levers.previewCell(share.parameter, 0.4);
    s.setAnswered({ values: s.bau([100, 96]), revision: s.rev() });
    expect(s.levers.originalBau()).toBeNull();
    s.levers.endPreview(false);
    // The assumption moves: the opened BAU is drawn beside the modified one.
    s.levers.previewCell(trend.parameter, 0);
    s.setAnswered({ values: s.bau([100, 100]), revision: s.rev() });
    expect(s.levers.originalBau()).toEqual([100, 96]);
    s.levers.endPreview(true);
    s.setAnswered({ values: s.bau([100, 100]), revision: s.rev() });
    expect(s.levers.originalBau()).toEqual([100, 96]);
    // A late answer of the modified state after the reset does not become the opened BAU.
    s.levers.reset(trend);
    s.setAnswered({ values: s.bau([100, 100]), revision: s.rev() - 1 });
    s.setAnswered({ values: s.bau([100, 96]), revision: s.rev() });
    expect(s.levers.originalBau()).toBeNull();
    s.levers.previewCell(trend.parameter, -0.01);
    s.setAnswered({ values: s.bau([100, 99]), revision: s.rev() });
    expect(s.levers.originalBau()).toEqual([100, 96]);
  });
});
