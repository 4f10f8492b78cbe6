// The fan-in patch of HyperFormula's dependency graph (patches/hyperformula+3.5.0.patch): proves it is
// applied, and that workbooks give the values plain JS computes, through every graph mutation we use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HyperFormula } from 'hyperformula';
import { describe, expect, it } from 'vitest';

/** Thousands of graph operations: seconds on a quiet machine, far longer on a busy one. */
const HEAVY_TEST_MS = 120_000;

const MARKER = 'BANA-PATCH fan-in edge index';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const graphFiles = {
  es: path.join(root, 'node_modules/hyperformula/es/DependencyGraph/Graph.mjs'),
  commonjs: path.join(root, 'node_modules/hyperformula/commonjs/DependencyGraph/Graph.js'),
};
const CONFIG = { licenseKey: 'gpl-v3', maxRows: 1_048_576, maxColumns: 16_384 } as const;

describe('the HyperFormula fan-in patch', () => {
  it.each(Object.entries(graphFiles))(
    'is applied to the %s build (`npm ci` runs patch-package)',
    (_, file) => {
      expect(readFileSync(file, 'utf8')).toContain(MARKER);
    },
  );

  it('is the graph the engine actually loads', () => {
    const hf = HyperFormula.buildFromArray([[1]], CONFIG);
    const graph = (hf as unknown as { dependencyGraph: { graph: Record<string, unknown> } }).dependencyGraph
      .graph;
    expect(Array.isArray(graph.edgeIndexSparseArray)).toBe(true);
    hf.destroy();
  });
});

/** The graph's surface the patch changes, as both builds export it. */
interface GraphNode {
  label: number;
  idInGraph?: number;
}
interface PatchedGraph {
  addNodeIfNotExists(node: GraphNode): number;
  addEdge(from: GraphNode, to: GraphNode): void;
  existsEdge(from: GraphNode, to: GraphNode): boolean;
  removeEdge(from: GraphNode, to: GraphNode): void;
  removeEdgeIfExists(from: GraphNode, to: GraphNode): void;
  removeNode(node: GraphNode): unknown;
  adjacentNodes(node: GraphNode): Set<GraphNode>;
  adjacentNodesCount(node: GraphNode): number;
}
type GraphClass = new (dependencyQuery: (node: GraphNode) => unknown[]) => PatchedGraph;

async function loadGraphClasses(): Promise<[string, GraphClass][]> {
  const es = (await import(/* @vite-ignore */ pathToFileURL(graphFiles.es).href)) as { Graph: GraphClass };
  const cjs = createRequire(import.meta.url)(graphFiles.commonjs) as { Graph: GraphClass };
  return [
    ['es', es.Graph],
    ['commonjs', cjs.Graph],
  ];
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the patched Graph against a plain model of its edges', () => {
  it(
    'agrees on every edge query through random adds and removes around the index threshold',
    async () => {
      for (const [build, Graph] of await loadGraphClasses()) {
        const next = random(build === 'es' ? 1 : 2);
        const graph = new Graph(() => []);
        const alive: GraphNode[] = [];
        const edges = new Map<GraphNode, Set<GraphNode>>();
        let label = 0;
        const addNode = (): GraphNode => {
          const node: GraphNode = { label: label++ };
          graph.addNodeIfNotExists(node);
          alive.push(node);
          edges.set(node, new Set());
          return node;
        };
        // A few hubs get hundreds of edges (indexed); the rest stay below the threshold (linear scan).
        const hubs = [addNode(), addNode(), addNode()];
        for (let i = 0; i < 60; i++) addNode();
        const pick = (): GraphNode => alive[Math.floor(next() * alive.length)] as GraphNode;
        const pickFrom = (): GraphNode =>
          next() < 0.6 ? (hubs[Math.floor(next() * 3)] as GraphNode) : pick();
        const check = (): void => {
          for (const from of alive) {
            const expected = edges.get(from) as Set<GraphNode>;
            expect(graph.adjacentNodes(from), `${build}: adjacent of ${from.label}`).toEqual(expected);
            for (let k = 0; k < 8; k++) {
              const to = pick();
              expect(graph.existsEdge(from, to)).toBe(expected.has(to));
            }
          }
        };
        for (let step = 0; step < 6000; step++) {
          const r = next();
          const from = pickFrom();
          const to = pick();
          const out = edges.get(from) as Set<GraphNode>;
          if (r < 0.5) {
            graph.addEdge(from, to);
            out.add(to);
          } else if (r < 0.65) {
            if (out.has(to)) {
              graph.removeEdge(from, to);
              out.delete(to);
            } else expect(() => graph.removeEdge(from, to)).toThrow('Edge does not exist');
          } else if (r < 0.8) {
            graph.removeEdgeIfExists(from, to);
            out.delete(to);
          } else if (r < 0.85) {
            // Compacts the edge array (drops removed nodes): the index must be rebuilt, not reused.
            expect(graph.adjacentNodesCount(from)).toBe(out.size);
          } else if (r < 0.9 && !hubs.includes(to) && to !== from) {
            graph.removeNode(to);
            alive.splice(alive.indexOf(to), 1);
            edges.delete(to);
            for (const set of edges.values()) set.delete(to);
          } else {
            addNode();
          }
          if (step % 500 === 0) check();
        }
        check();
        expect(Math.max(...hubs.map((h) => (edges.get(h) as Set<GraphNode>).size))).toBeGreaterThan(16);
      }
    },
    HEAVY_TEST_MS,
  );
});

/**
 * The Calc sheet, as plain data: each row has its input `a` in A and four formulas that reach the
 * same shared values (named expressions, an absolute cell, a cross-sheet cell):
 * B = Base*A, C = $Z$1*A, D = Inputs!$A$1 + B, E = Base*(1-Rate)^(A-BaseYear).
 */
interface Model {
  inputs: { a1: number; b1: number; c1: number };
  /** Which Inputs cell the named expression Base points at. */
  baseCell: 'b1' | 'c1';
  z: number;
  rate: number;
  baseYear: number;
  /** Input per row; null for a row inserted empty. */
  rows: (number | null)[];
}

function formulaRow(r: number, a: number): (string | number)[] {
  return [a, `=Base*A${r}`, `=$Z$1*A${r}`, `=Inputs!$A$1+B${r}`, `=Base*(1-Rate)^(A${r}-BaseYear)`];
}

function build(model: Model): HyperFormula {
  const calc: (string | number | null)[][] = model.rows.map((a, i) =>
    a === null ? [] : formulaRow(i + 1, a),
  );
  const first = calc[0] as (string | number | null)[];
  while (first.length < 25) first.push(null);
  first[25] = model.z;
  return HyperFormula.buildFromSheets(
    { Inputs: [[model.inputs.a1, model.inputs.b1, model.inputs.c1]], Calc: calc },
    CONFIG,
    [
      { name: 'Base', expression: '=Inputs!$B$1' },
      { name: 'Rate', expression: `=${model.rate}` },
      { name: 'BaseYear', expression: `=${model.baseYear}` },
    ],
  );
}

function expectedRow(model: Model, a: number): number[] {
  const base = model.inputs[model.baseCell];
  return [
    a,
    base * a,
    model.z * a,
    model.inputs.a1 + base * a,
    base * (1 - model.rate) ** (a - model.baseYear),
  ];
}

/** HyperFormula rounds results to about 14 significant digits: compare relative to the size. */
function expectClose(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), what).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected)),
  );
}

/** Every value of Calc (columns A..E) and Z1 against the model. */
function expectMatches(hf: HyperFormula, model: Model): void {
  const values = hf.getSheetValues(hf.getSheetId('Calc') as number);
  model.rows.forEach((a, i) => {
    const row = (values[i] ?? []).slice(0, 5);
    if (a === null) {
      expect(
        row.every((v) => v === null),
        `row ${i + 1} is empty`,
      ).toBe(true);
      return;
    }
    const expected = expectedRow(model, a);
    expect(row.length, `row ${i + 1}`).toBe(5);
    row.forEach((v, c) => {
      expectClose(v, expected[c] as number, `row ${i + 1} col ${c}`);
    });
  });
  expect(values[0]?.[25]).toBe(model.z);
}

function initialModel(n: number): Model {
  return {
    inputs: { a1: 7, b1: 1.5, c1: 3 },
    baseCell: 'b1',
    z: 2,
    rate: 0.05,
    baseYear: Math.floor(n / 2),
    rows: Array.from({ length: n }, (_, i) => i + 1),
  };
}

describe.each([
  ['below the index threshold', 6],
  ['fan-in of 400 rows (indexed)', 400],
])('a workbook of shared inputs, %s', (_, n) => {
  it(
    'gives the plain-JS values after build, edits, structure changes, name changes and undo',
    () => {
      const model = initialModel(n);
      const hf = build(model);
      const calc = hf.getSheetId('Calc') as number;
      const inputs = hf.getSheetId('Inputs') as number;
      expectMatches(hf, model);

      // Edits to each kind of shared input, and to a row input.
      hf.setCellContents({ sheet: inputs, row: 0, col: 1 }, 2.5);
      model.inputs.b1 = 2.5;
      hf.setCellContents({ sheet: calc, row: 0, col: 25 }, 3);
      model.z = 3;
      hf.setCellContents({ sheet: inputs, row: 0, col: 0 }, -4);
      model.inputs.a1 = -4;
      hf.setCellContents({ sheet: calc, row: n - 1, col: 0 }, 1000);
      model.rows[n - 1] = 1000;
      expectMatches(hf, model);

      // Insert rows, fill two of them with the same formulas, remove others (edges leave the hubs).
      const at = Math.max(1, Math.floor(n / 3));
      hf.addRows(calc, [at, 3]);
      model.rows.splice(at, 0, null, null, null);
      expectMatches(hf, model);
      hf.setCellContents({ sheet: calc, row: at, col: 0 }, [formulaRow(at + 1, 55), formulaRow(at + 2, 56)]);
      model.rows[at] = 55;
      model.rows[at + 1] = 56;
      expectMatches(hf, model);
      const removeAt = Math.max(1, Math.floor(n / 2));
      const removeCount = Math.max(1, Math.floor(n / 4));
      hf.removeRows(calc, [removeAt, removeCount]);
      const removed = model.rows.splice(removeAt, removeCount);
      expectMatches(hf, model);

      // Replace formulas by values and back: edges to the hubs removed and re-added one by one.
      hf.setCellContents({ sheet: calc, row: 1, col: 1 }, [[0, 0, 0, 0]]);
      hf.undo();
      expectMatches(hf, model);

      // A column before B shifts every formula and $Z$1 to $AA$1; then it goes away again.
      hf.addColumns(calc, [1, 1]);
      expect(hf.getSheetValues(calc)[0]?.[26]).toBe(model.z);
      expect(hf.getCellFormula({ sheet: calc, row: 0, col: 3 })).toBe('=$AA$1*A1');
      hf.setCellContents({ sheet: calc, row: 0, col: 26 }, 4);
      model.z = 4;
      hf.removeColumns(calc, [1, 1]);
      expectMatches(hf, model);

      // Point the named expression at another cell, change that cell and another name; undo all three.
      hf.changeNamedExpression('Base', '=Inputs!$C$1');
      model.baseCell = 'c1';
      expectMatches(hf, model);
      hf.setCellContents({ sheet: inputs, row: 0, col: 2 }, 10);
      model.inputs.c1 = 10;
      expectMatches(hf, model);
      hf.changeNamedExpression('Rate', '=0.1');
      model.rate = 0.1;
      expectMatches(hf, model);
      hf.undo();
      model.rate = 0.05;
      hf.undo();
      model.inputs.c1 = 3;
      hf.undo();
      model.baseCell = 'b1';
      expectMatches(hf, model);

      // Back through the column changes, then the row removal: the removed formulas (and their edges
      // to the shared inputs) come back.
      hf.undo(); // removeColumns
      hf.undo(); // Z = 4
      hf.undo(); // addColumns
      model.z = 3;
      expectMatches(hf, model);
      hf.undo(); // removeRows (the values edit was undone above, so it is off the stack)
      model.rows.splice(removeAt, 0, ...removed);
      expectMatches(hf, model);
      hf.undo(); // the two filled rows
      model.rows[at] = null;
      model.rows[at + 1] = null;
      hf.undo(); // addRows
      model.rows.splice(at, 3);
      expectMatches(hf, model);

      // A second sheet that fans in across sheets, added and removed at run time.
      hf.addSheet('More');
      const more = hf.getSheetId('More') as number;
      hf.setSheetContent(
        more,
        Array.from({ length: n }, (_, i) => [`=Calc!$Z$1*Base+${i}`]),
      );
      const base = model.inputs.b1;
      hf.getSheetValues(more).forEach((row, i) => {
        expectClose(row[0], model.z * base + i, `More!A${i + 1}`);
      });
      hf.removeSheet(more);
      expectMatches(hf, model);
      hf.destroy();
    },
    HEAVY_TEST_MS,
  );
});
