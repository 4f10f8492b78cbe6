// The scenarios Bana ships with, as recipes: a baseline, templates and the parameters changed from
// the templates' defaults. Built at first run and by `bana export-model`.
import { applyCommand } from '../commands';
import type { RawCell, ScenarioDocument } from '../document';
import { buildScenario } from './scenario';

export interface MeasureRecipe {
  template: string;
  /** Replaces the measure's title (A1), which names it on the trajectory and in the charts. */
  title?: string;
  /** Parameter values by the label in column A. */
  set?: Record<string, RawCell>;
  /** A parameter's own range and source when the recipe's value is not the template's case. */
  ranges?: Record<string, { low: number; high: number; source: string }>;
}

export interface ScenarioRecipe {
  id: string;
  name: string;
  description: string;
  baseline: string;
  measures: MeasureRecipe[];
}

export const SHIPPED_SCENARIOS: ScenarioRecipe[] = [
  {
    id: 'stockholm-climate-fund-2035',
    name: 'Region Stockholm – klimatfondens åtgärder mot 2035',
    description:
      'Klimatfondens beslut 2025 som åtgärder mot Region Stockholms uppskattade 607 000 t (2024). Visar hur långt fondens åtgärder räcker mot −75 % och klimatneutralitet 2035.',
    baseline: 'region-stockholm',
    measures: [
      { template: 'low-carbon-steel' },
      { template: 'reusable-syringes' },
      { template: 'circular-aprons' },
      { template: 'ozonation' },
      { template: 'charging-points' },
      { template: 'fuel-conversion' },
      { template: 'nitrous-oxide-destruction' },
    ],
  },
  {
    id: 'dalarna-2030',
    name: 'Region Dalarna – mot −75 % till 2030',
    description:
      'Region Dalarnas klimatbokslut 2018 som bas, den observerade trenden 2018–2021 som utveckling utan åtgärder, och exempelåtgärder (inte regionens beslut) att pröva mot målet.',
    baseline: 'region-dalarna',
    measures: [
      {
        template: 'fuel-conversion',
        title: 'Bussar: diesel → HVO100 (exempel)',
        set: {
          'Ersatt fossilt bränsle per år': 600000,
          Typ: 'årlig',
          Livslängd: 25,
          Startår: 2023,
          'Andel av volymen som konverteras per år': 0.25,
          Kostnad: 4000000,
        },
        ranges: {
          'Ersatt fossilt bränsle per år': {
            low: 450000,
            high: 750000,
            source:
              '[U] Exempelvolym, inte regionens uppgift: 600 000 l diesel ≈ 2 000 t av kollektivtrafikens 3 407 t (2018); intervallet ±25 %. Fråga regionen.',
          },
        },
      },
      { template: 'circular-aprons', title: 'Cirkulära skyddsförkläden (exempel)', set: { Kostnad: 500000 } },
      { template: 'nitrous-oxide-destruction', title: 'Lustgasdestruktion (exempel)' },
      { template: 'charging-points', title: 'Laddpunkter för verksamhetens bilar (exempel)' },
    ],
  },
];

/** Apply a recipe's changes to a template: title and parameters by label. */
export function customiseTemplate(template: ScenarioDocument, recipe: MeasureRecipe): ScenarioDocument {
  const sheet = template.sheets[0];
  if (!sheet) return template;
  let doc = template;
  if (recipe.title) {
    doc = applyCommand(doc, {
      type: 'setCells',
      sheetId: sheet.id,
      row: 0,
      col: 0,
      values: [[recipe.title]],
    }).doc;
  }
  for (const [label, value] of Object.entries(recipe.set ?? {})) {
    const row = sheet.cells.findIndex((r) => r[0] === label);
    if (row < 0) throw new Error(`template ${template.id} has no parameter "${label}"`);
    doc = applyCommand(doc, { type: 'setCells', sheetId: sheet.id, row, col: 1, values: [[value]] }).doc;
  }
  for (const [label, { low, high, source }] of Object.entries(recipe.ranges ?? {})) {
    const row = sheet.cells.findIndex((r) => r[0] === label);
    if (row < 0) throw new Error(`template ${template.id} has no parameter "${label}"`);
    doc = applyCommand(doc, {
      type: 'setCells',
      sheetId: sheet.id,
      row,
      col: 3,
      values: [[low, high, source]],
    }).doc;
  }
  return doc;
}

/** Build a shipped scenario from loaded templates (by file stem, e.g. "fuel-conversion"). */
export function buildShippedScenario(
  recipe: ScenarioRecipe,
  templates: (stem: string) => ScenarioDocument | undefined,
  now?: Date,
): ScenarioDocument {
  const baseline = templates(recipe.baseline);
  if (!baseline) throw new Error(`no baseline ${recipe.baseline}`);
  const measures = recipe.measures.map((m) => {
    const template = templates(m.template);
    if (!template) throw new Error(`no template ${m.template}`);
    return customiseTemplate(template, m);
  });
  return buildScenario({ name: recipe.name, description: recipe.description, baseline, measures, now });
}
