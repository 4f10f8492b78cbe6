// Levers and assumptions on the scenarios Bana ships: which ranged parameters a planner pushes (a
// measure's size and shares) and which describe the world (baseline, BAU trend, emission factors).
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src/core/commands';
import { allLevers, classifyLevers, isEmissionFactor, sliderStep } from '../../../src/core/scenario/levers';
import { shippedScenarios } from '../../state/support';

const [stockholm, dalarna] = shippedScenarios();

const names = (groups: ReturnType<typeof classifyLevers>['levers']) =>
  Object.fromEntries(groups.map((g) => [g.title, g.levers.map((l) => l.parameter.name)]));

describe('classifyLevers', () => {
  it('puts measure sizes and shares under their measure, and emission factors and GWP with the assumptions', () => {
    const c = classifyLevers(stockholm!);
    const levers = names(c.levers);
    const steel = Object.entries(levers).find(([title]) => /stål/i.test(title));
    expect(steel?.[1]).toEqual(['Stål']);
    const fuel = c.levers.find((g) =>
      g.levers.some((l) => l.parameter.name === 'Ersatt fossilt bränsle per år'),
    );
    expect(fuel?.levers.map((l) => l.parameter.name)).toEqual([
      'Ersatt fossilt bränsle per år',
      'Andel av volymen som konverteras per år',
      'El per ersatt liter diesel',
    ]);
    const n2o = c.levers.find((g) => g.levers.some((l) => l.parameter.name === 'Uppsamlingsandel'));
    expect(n2o?.levers.map((l) => l.parameter.name)).toEqual([
      'Uppsamlingsandel',
      'Destruktionsgrad av uppsamlad gas',
    ]);

    const assumed = allLevers({ levers: [], assumptions: c.assumptions }).map((l) => l.parameter.address);
    expect(assumed).toEqual(
      expect.arrayContaining([
        'Stål!B10',
        'Stål!B11',
        'Sprutor!B10',
        'Sprutor!B11',
        'Förkläden!B16',
        'Drivmedel!B10',
        'Drivmedel!B24',
        'Drivmedel!B26',
        'Lustgas!B12',
        'Laddpunkter!B26',
      ]),
    );
    // No parameter is both, and none that a slider cannot hold (choices, unranged, one bound) is listed.
    const all = allLevers(c).map((l) => l.parameter.address);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('Drivmedel!B11');
    expect(all).not.toContain('Laddpunkter!B9');
    expect(all).not.toContain('Drivmedel!B27');
  });

  it('keeps the baseline’s ranged BAU trend (a formula) apart as an assumption', () => {
    const c = classifyLevers(dalarna!);
    const baseline = c.assumptions[0];
    expect(baseline?.levers.map((l) => [l.parameter.address, l.role])).toEqual([
      ['Baslinje!B9', 'assumption'],
    ]);
    expect(baseline?.levers[0]).toMatchObject({ low: -0.05, high: 0, step: 0.0005 });
    expect(c.levers.flatMap((g) => g.levers).every((l) => l.parameter.sheet !== 'Baslinje')).toBe(true);
  });

  it('groups by measure in slot order, titled by the measure’s own title', () => {
    const c = classifyLevers(dalarna!);
    expect(c.levers.map((g) => g.title)).toEqual([
      'Bussar: diesel → HVO100 (exempel)',
      'Cirkulära skyddsförkläden (exempel)',
      'Lustgasdestruktion (exempel)',
      'Laddpunkter för verksamhetens bilar (exempel)',
    ]);
  });

  it('follows the document: a range removed from a parameter removes its slider', () => {
    const doc = dalarna!;
    const lever = allLevers(classifyLevers(doc)).find((l) => l.parameter.name === 'Uppsamlingsandel')!;
    const p = lever.parameter;
    const changed = applyCommand(doc, {
      type: 'setCells',
      sheetId: p.sheetId,
      row: p.row,
      col: 3,
      values: [[null, null]],
    }).doc;
    expect(allLevers(classifyLevers(changed)).map((l) => l.parameter.address)).not.toContain(p.address);
  });
});

describe('isEmissionFactor', () => {
  it('reads emissions per unit as a factor and emissions per year as a measure’s size', () => {
    expect(isEmissionFactor({ unit: 'kg CO2e/liter', name: 'HVO100' })).toBe(true);
    expect(isEmissionFactor({ unit: 'g CO2/kWh', name: 'Nordisk residualmix' })).toBe(true);
    expect(isEmissionFactor({ unit: 't CO2/t stål', name: 'Konventionellt stål' })).toBe(true);
    expect(isEmissionFactor({ unit: '–', name: 'GWP100 för N2O' })).toBe(true);
    expect(isEmissionFactor({ unit: 't CO2e/år', name: 'Minskning per år' })).toBe(false);
    expect(isEmissionFactor({ unit: 'liter/år', name: 'Ersatt fossilt bränsle per år' })).toBe(false);
    expect(isEmissionFactor({ unit: 'andel', name: 'Uppsamlingsandel' })).toBe(false);
  });
});

describe('sliderStep', () => {
  it('is 0.01 for shares, 1 for years and a round hundredth of other ranges', () => {
    expect(sliderStep('share', 0.3, 0.85)).toBe(0.01);
    expect(sliderStep('year', 2025, 2040)).toBe(1);
    expect(sliderStep('number', 450, 650)).toBe(2);
    expect(sliderStep('number', 380_000, 500_000)).toBe(1000);
    expect(sliderStep('number', 265, 298)).toBe(0.2);
    expect(sliderStep('number', 0.25, 0.6)).toBe(0.002);
  });
});
