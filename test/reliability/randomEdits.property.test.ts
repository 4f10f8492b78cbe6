// Property: after any sequence of edits (cells, sheets, names, undo/redo), the engine's values equal a
// fresh evaluation of the document, and undoing everything restores the original document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Command, applyCommand } from '../../src/core/commands';
import {
  SCHEMA_VERSION,
  type RawCell,
  type ScenarioDocument,
  type SheetId,
  createSheet,
} from '../../src/core/document';
import type { EngineOp } from '../../workers/contract';
import { createEngine } from '../../workers/engine';

const A = 'sh_a' as SheetId;
const B = 'sh_b' as SheetId;
const ROWS = 6;
const COLS = 4;

function start(): ScenarioDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'wb_prop' as ScenarioDocument['id'],
    meta: { name: 'p', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
    sheets: [
      createSheet(
        'Indata',
        [
          [1, 2, '=A1+B1'],
          ['=C1*2', 'text', '=Rate*A1'],
        ],
        A,
      ),
      createSheet('Ut', [['=Indata!C1+1']], B),
    ],
    names: [{ name: 'Rate', expression: 0.5 }],
  };
}

const ref = () => fc.tuple(fc.integer({ min: 0, max: ROWS - 1 }), fc.integer({ min: 0, max: COLS - 1 }));
const a1 = ([r, c]: [number, number]) => `${String.fromCharCode(65 + c)}${r + 1}`;
/** Cell contents a planner might type: numbers, text, formulas over the small grid (incl. cycles and errors). */
const raw: fc.Arbitrary<RawCell> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('x', 'Norra Danviksbron', '', 'TRUE'),
  fc.boolean(),
  ref().map((p) => `=${a1(p)}*2`),
  fc.tuple(ref(), ref()).map(([p, q]) => `=SUM(${a1(p)}:${a1(q)})`),
  ref().map((p) => `=Indata!${a1(p)}+Rate`),
  ref().map((p) => `=Ut!${a1(p)}/0`),
  ref().map((p) => `='Ut'!${a1(p)}-1`),
);

type Step =
  | { kind: 'cells'; sheet: 0 | 1; row: number; col: number; values: RawCell[][] }
  | { kind: 'rename'; name: string }
  | { kind: 'rate'; value: number | null }
  | { kind: 'undo' }
  | { kind: 'redo' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('cells' as const),
      sheet: fc.constantFrom(0 as const, 1 as const),
      row: fc.integer({ min: 0, max: ROWS - 2 }),
      col: fc.integer({ min: 0, max: COLS - 2 }),
      values: fc.array(fc.array(raw, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      name: fc.constantFrom('Ut', 'Utdata', 'Resultat 2030', 'Blad å'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rate' as const),
      value: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) },
);

async function valuesOf(engine: ReturnType<typeof createEngine>, doc: ScenarioDocument) {
  const out = [];
  for (const sheet of doc.sheets)
    out.push((await engine.getValues({ sheetId: sheet.id, row: 0, col: 0, rows: ROWS, cols: COLS })).values);
  return out;
}

function engineWorkbook(doc: ScenarioDocument) {
  return { sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: doc.names };
}

describe('random edit sequences', () => {
  it('keep the engine equal to a fresh evaluation, and undo-all restores the document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const original = start();
        let doc = original;
        const undo: Command[] = [];
        const redo: Command[] = [];
        const live = createEngine();
        await live.load(engineWorkbook(doc), 0);
        let revision = 0;
        const apply = async (command: Command) => {
          const result = applyCommand(doc, command);
          doc = result.doc;
          revision++;
          // The session's rule: cell changes go incrementally, anything structural rebuilds.
          if (result.changes.some((c) => c.kind === 'structure'))
            await live.load(engineWorkbook(doc), revision);
          else {
            const ops: EngineOp[] = result.changes.flatMap((c) =>
              c.kind === 'cells'
                ? [
                    {
                      kind: 'setCells' as const,
                      sheetId: c.sheetId,
                      row: c.row,
                      col: c.col,
                      values: c.values,
                    },
                  ]
                : [],
            );
            if (ops.length) await live.apply(ops, revision);
          }
          return result.inverse;
        };
        for (const s of steps) {
          if (s.kind === 'undo' || s.kind === 'redo') {
            const from = s.kind === 'undo' ? undo : redo;
            const to = s.kind === 'undo' ? redo : undo;
            const command = from.pop();
            if (command) to.push(await apply(command));
            continue;
          }
          let command: Command;
          if (s.kind === 'cells')
            command = {
              type: 'setCells',
              sheetId: s.sheet === 0 ? A : B,
              row: s.row,
              col: s.col,
              values: s.values,
            };
          else if (s.kind === 'rename') {
            if (doc.sheets.some((sh) => sh.name.toLowerCase() === s.name.toLowerCase())) continue;
            command = { type: 'renameSheet', sheetId: B, name: s.name };
          } else command = { type: 'setName', name: 'Rate', expression: s.value };
          undo.push(await apply(command));
          redo.length = 0;
        }
        const fresh = createEngine();
        await fresh.load(engineWorkbook(doc), revision);
        expect(await valuesOf(live, doc)).toEqual(await valuesOf(fresh, doc));
        while (undo.length) await apply(undo.pop() as Command);
        expect(doc).toEqual(original);
      }),
      { numRuns: 60, seed: 20261122 },
    );
  }, 60_000);
});
