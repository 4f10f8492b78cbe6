// The parameter reader on every workbook Bana ships (templates, baselines, built scenarios, the
// seed workbook), the range rule, and what a parameter's value may hold.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/core/commands';
import type { RawCell, ScenarioDocument } from '../../../src/core/document';
import { migrateDocument } from '../../../src/core/migrations';
import {
  type Parameter,
  checkValue,
  matchChoice,
  isRanged,
  rangeRuleProblem,
  sheetParameters,
  sourceClass,
  workbookParameters,
} from '../../../src/core/scenario/parameters';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../../src/core/scenario/shipped';
import { evaluateDocument } from '../../../src/cli/evaluate';

const models = new URL('../../../models/', import.meta.url);

function read(path: string): ScenarioDocument {
  const parsed = migrateDocument(JSON.parse(readFileSync(new URL(path, models), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const templates = readdirSync(new URL('templates/', models)).map((f) => `templates/${f}`);
const baselines = readdirSync(new URL('baselines/', models)).map((f) => `baselines/${f}`);
const stem = (path: string) => path.replace(/^.*\//, '').replace('.bana.json', '');
const byStem = (s: string) => {
  const path = [...templates, ...baselines].find((p) => stem(p) === s);
  return path ? read(path) : undefined;
};
const scenarios = SHIPPED_SCENARIOS.map((recipe) => ({
  id: recipe.id,
  doc: buildShippedScenario(recipe, byStem, new Date('2026-01-01')),
}));
const shipped: { id: string; doc: ScenarioDocument }[] = [
  ...[...templates, ...baselines].map((p) => ({ id: p, doc: read(p) })),
  ...scenarios,
];

function set(doc: ScenarioDocument, p: Parameter, value: RawCell): ScenarioDocument {
  return applyCommand(doc, {
    type: 'setCells',
    sheetId: p.sheetId,
    row: p.row,
    col: p.col,
    values: [[value]],
  }).doc;
}

describe('parameter reader', () => {
  it('reads the fuel conversion template’s block: names, value cells, units, ranges, sources, classes, kinds', () => {
    const params = workbookParameters(read('templates/fuel-conversion.bana.json'));
    const get = (name: string) => params.find((p) => p.name === name)!;
    expect(get('Ersatt fossilt bränsle per år')).toMatchObject({
      address: 'Drivmedel!B9',
      row: 8,
      col: 1,
      block: 'Parameter',
      value: 429_078,
      unit: 'liter/år',
      low: 380_000,
      high: 500_000,
      class: 'D',
      kind: { kind: 'number' },
    });
    expect(get('Alternativt bränsle')).toMatchObject({
      address: 'Drivmedel!B11',
      value: 'HVO100',
      kind: { kind: 'choice', options: ['HVO100', 'RME', 'Biogas', 'El'] },
    });
    expect(get('Bokföring').kind).toEqual({ kind: 'choice', options: ['WTW', 'TTW'] });
    expect(get('Typ').kind).toEqual({ kind: 'choice', options: ['engång', 'årlig'] });
    expect(get('Efter livslängden').kind).toEqual({ kind: 'choice', options: ['upphör', 'fortsätter'] });
    expect(get('Elens utsläppsfaktor').kind).toMatchObject({ kind: 'choice' });
    expect(get('Startår').kind).toEqual({ kind: 'year' });
    expect(get('Livslängd').kind).toEqual({ kind: 'number' });
    expect(get('Andel av volymen som konverteras per år').kind).toEqual({ kind: 'share' });
    // The lookup tables are parameter blocks too, each under its own header.
    expect(get('HVO100')).toMatchObject({ block: 'Bränsletabell (WTW per ersatt liter diesel)', class: 'S' });
    expect(get('Nordisk residualmix')).toMatchObject({ low: 372, high: 524 });
    // The calculation block (no Låg/Hög columns) is not parameters.
    expect(params.some((p) => p.name === 'Besparing per liter')).toBe(false);
  });

  it('finds the parameter blocks of every template and baseline, and of the measure sheets in a scenario', () => {
    for (const path of templates) {
      const names = workbookParameters(read(path)).map((p) => p.name);
      for (const required of ['Kostnad', 'Startår', 'Typ', 'Livslängd', 'Efter livslängden'])
        expect(names, path).toContain(required);
    }
    for (const path of baselines) {
      const params = workbookParameters(read(path));
      expect(
        params.map((p) => p.name),
        path,
      ).toEqual(
        expect.arrayContaining([
          'Basår',
          'Basutsläpp',
          'Målår',
          'Minskning till målåret',
          'Klimatneutralt år',
        ]),
      );
      expect(params.find((p) => p.name === 'Region')?.kind, path).toEqual({ kind: 'text' });
      expect(params.find((p) => p.name === 'Basår')?.address, path).toBe('Baslinje!B5');
    }
    for (const { id, doc } of scenarios) {
      const recipe = SHIPPED_SCENARIOS.find((r) => r.id === id)!;
      const sheets = new Set(workbookParameters(doc).map((p) => p.sheet));
      // The baseline plus one sheet per measure; the trajectory has no parameter block.
      expect(sheets.size, id).toBe(1 + recipe.measures.length);
      expect(sheets.has('Bana'), id).toBe(false);
    }
  });

  it('reads nothing from a workbook without parameter blocks (the seed workbook)', () => {
    expect(workbookParameters(read('region-stockholm-climate-fund-2025.bana.json'))).toEqual([]);
  });

  it('takes the class from the first tag in the source text', () => {
    expect(sourceClass('[S] Energimyndigheten 2016')).toBe('S');
    expect(sourceClass('[S-svag] BF-BOF 1,8–2,0; 2,3 overifierat')).toBe('S');
    expect(sourceClass('[D] Härlett … [U]')).toBe('D');
    expect(sourceClass('[U] overifierat')).toBe('U');
    expect(sourceClass('Första året minskningen räknas')).toBeNull();
  });
});

describe('range rule', () => {
  it('every ranged parameter of every shipped workbook has both bounds, both numbers, low ≤ high', () => {
    for (const { id, doc } of shipped) {
      const broken = workbookParameters(doc)
        .filter(isRanged)
        .map((p) => ({ at: p.address, problem: rangeRuleProblem(p) }))
        .filter((x) => x.problem !== null);
      expect(broken, id).toEqual([]);
    }
  });

  it('names what breaks the rule', () => {
    const base = workbookParameters(read('templates/reusable-syringes.bana.json')).find(
      (p) => p.name === 'Sprutanvändningar per år',
    )!;
    expect(rangeRuleProblem(base)).toBeNull();
    expect(rangeRuleProblem({ ...base, low: null })).toBe('one-bound');
    expect(rangeRuleProblem({ ...base, high: '=5*2' })).toBe('bound-not-number');
    expect(rangeRuleProblem({ ...base, low: 800_000 })).toBe('low-above-high');
    expect(rangeRuleProblem({ ...base, low: null, high: null })).toBeNull();
  });

  it('every shipped value, computed, lies in its range and is a value its kind allows', async () => {
    for (const { id, doc } of shipped) {
      const ev = await evaluateDocument(doc);
      for (const p of workbookParameters(doc)) {
        const value = await ev.cell(p.sheet, p.row, p.col);
        expect(typeof value === 'object' && value !== null, `${id} ${p.address} is an error`).toBe(false);
        expect(checkValue(p, value), `${id} ${p.address} ${p.name} = ${String(value)}`).toEqual({});
      }
    }
  }, 60_000);

  it('Dalarna’s example bus volume carries its own range (600 000 l sits outside the ferries’ 380 000–500 000)', () => {
    const dalarna = scenarios.find((s) => s.id === 'dalarna-2030')!.doc;
    const volume = workbookParameters(dalarna).find((p) => p.name === 'Ersatt fossilt bränsle per år')!;
    expect(volume).toMatchObject({ value: 600_000, low: 450_000, high: 750_000, class: 'U' });
  });
});

describe('choice parameters', () => {
  it('every option of every shipped choice computes without an error', async () => {
    for (const path of templates) {
      const doc = read(path);
      for (const p of workbookParameters(doc)) {
        if (p.kind.kind !== 'choice') continue;
        expect(p.kind.options, `${path} ${p.address}`).toContain(p.value);
        for (const option of p.kind.options) {
          const values = (await (await evaluateDocument(set(doc, p, option))).sheet(p.sheet)).flat();
          const errors = values.filter((v) => typeof v === 'object' && v !== null);
          expect(errors, `${path} ${p.address} = ${option}`).toEqual([]);
        }
      }
    }
  }, 60_000);
});

describe('checkValue', () => {
  const params = workbookParameters(read('templates/fuel-conversion.bana.json'));
  const get = (name: string) => params.find((p) => p.name === name)!;

  it('refuses a choice outside its list, and text where a number, share or year belongs', () => {
    expect(checkValue(get('Alternativt bränsle'), 'HVO')).toEqual({
      problem: { kind: 'not-an-option', value: 'HVO', options: ['HVO100', 'RME', 'Biogas', 'El'] },
    });
    expect(checkValue(get('Startår'), 'tjugotjugofem')).toEqual({
      problem: { kind: 'text-for-number', value: 'tjugotjugofem', expected: 'year' },
    });
    expect(checkValue(get('Startår'), 2025.5)).toEqual({ problem: { kind: 'not-a-year', value: 2025.5 } });
    expect(checkValue(get('Kostnad'), 'mycket')).toMatchObject({ problem: { kind: 'text-for-number' } });
  });

  it('accepts a choice in another case as the grid does, and names the list spelling (matchChoice)', () => {
    const fuel = get('Alternativt bränsle');
    expect(checkValue(fuel, ' hvo100 ')).toEqual({});
    if (fuel.kind.kind !== 'choice') throw new Error('a choice parameter');
    expect(matchChoice(fuel.kind.options, ' hvo100 ')).toBe('HVO100');
    expect(matchChoice(fuel.kind.options, 'RME')).toBe('RME');
    expect(matchChoice(fuel.kind.options, 'HVO')).toBeUndefined();
  });

  it('warns about a value outside its range (a share outside 0–1 too), and leaves errors to the error origin', () => {
    expect(checkValue(get('Ersatt fossilt bränsle per år'), 600_000)).toEqual({
      warning: { side: 'above', value: 600_000, bound: 500_000 },
    });
    expect(checkValue(get('Ersatt fossilt bränsle per år'), 300_000)).toEqual({
      warning: { side: 'below', value: 300_000, bound: 380_000 },
    });
    expect(checkValue(get('Ersatt fossilt bränsle per år'), 450_000)).toEqual({});
    expect(checkValue(get('Andel av volymen som konverteras per år'), 1.5)).toMatchObject({
      warning: { side: 'above', bound: 1 },
    });
    expect(checkValue(get('Kostnad'), { error: '#REF!' })).toEqual({});
  });

  it('reads any sheet, not only the shipped ones', () => {
    const params = sheetParameters({
      id: 'sh_x' as Parameter['sheetId'],
      name: 'Mitt blad',
      cells: [
        ['Parameter', 'Värde', 'Enhet', 'Låg', 'Hög', 'Källa'],
        ['Andel', 0.5, 'andel', 0, 1, '[U] gissning'],
        [],
        ['Annat', 1],
      ],
    });
    expect(params).toEqual([
      expect.objectContaining({
        name: 'Andel',
        address: "'Mitt blad'!B2",
        class: 'U',
        kind: { kind: 'share' },
      }),
    ]);
  });
});
