// The `bana` command line: evaluate a scenario file in Node with the app's own engine code, and
// write out the workbooks the app ships with. Output is JSON (or CSV) for scripts and checks.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCsv } from '../core/csv';
import type { ScenarioDocument } from '../core/document';
import { migrateDocument } from '../core/migrations';
import type { ScenarioResult } from '../core/scenario/result';
import { cannotComputeSentence, originText } from '../i18n/sentences';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../core/scenario/shipped';
import { evaluateDocument } from './evaluate';
import { GOAL_SEEK_HELP, goalSeekCommand } from './goalSeek';
import { MONTE_CARLO_HELP, monteCarloCommand } from './monteCarlo';

const MODELS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');
const MAX_FILE_BYTES = 200 * 1024 * 1024;

const HELP = `bana — emission scenarios in formula grids

Usage:
  bana eval FILE.bana.json [--csv]     evaluate a scenario file; print key figures and trajectory as JSON
                                       (--csv: the trajectory table as CSV)
  bana export-model NAME [-o FILE]     write a workbook the app ships with (JSON) to stdout or FILE
  bana export-model --list             list the names
${MONTE_CARLO_HELP}
${GOAL_SEEK_HELP}
  bana --help

Exit status: 0 done; 1 bad input (file, name); 3 the scenario's result cannot be computed
(the message names the cell where the error starts).
`;

/** Workbooks shipped as files (by file stem) plus the scenarios built from them. */
function modelFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of ['', 'templates', 'baselines']) {
    for (const file of readdirSync(join(MODELS, dir))) {
      if (file.endsWith('.bana.json')) files.set(basename(file, '.bana.json'), join(MODELS, dir, file));
    }
  }
  return files;
}

function readDocument(path: string): ScenarioDocument {
  const text = readFileSync(path, 'utf8');
  if (text.length > MAX_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not a valid scenario file (not JSON)`);
  }
  const migrated = migrateDocument(json);
  if (!migrated.ok) throw new Error(`${path} is not a valid scenario file: ${migrated.reason}`);
  return migrated.value;
}

function exportModel(name: string): ScenarioDocument {
  const files = modelFiles();
  const recipe = SHIPPED_SCENARIOS.find((r) => r.id === name);
  if (recipe) {
    return buildShippedScenario(recipe, (stem) => {
      const path = files.get(stem);
      return path ? readDocument(path) : undefined;
    });
  }
  const path = files.get(name);
  if (!path) throw new Error(`no model named "${name}" (try: bana export-model --list)`);
  return readDocument(path);
}

function trajectoryRows(result: ScenarioResult): (string | number | null)[][] {
  const header = [
    'year',
    'base',
    'bau',
    ...result.measures.map((m) => m.name),
    'projected',
    'target_2030_linear',
    'target_neutral_linear',
    'target_constant_rate',
    'target_carbon_budget',
  ];
  return [
    header,
    // A year without a number (an error) stays empty, never 0.
    ...result.years.map((year, i) => [
      year,
      result.base[i] ?? null,
      result.bau[i] ?? null,
      ...result.measures.map((m) => m.values[i] ?? null),
      result.projected[i] ?? null,
      result.targets.linear[i] ?? null,
      result.targets.neutral[i] ?? null,
      result.targets.constant[i] ?? null,
      result.targets.budget[i] ?? null,
    ]),
  ];
}

/** Run the command line; returns the exit code. */
export async function main(
  args: string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (!command || command === '--help' || command === '-h') {
      out(HELP);
      return command ? 0 : 1;
    }
    if (command === 'eval') {
      const file = rest.find((a) => !a.startsWith('-'));
      if (!file) throw new Error('eval needs a FILE');
      const doc = readDocument(file);
      const evaluation = await evaluateDocument(doc);
      const check = await evaluation.check();
      if (!check) throw new Error(`${file} is a workbook but not a scenario (it has no trajectory)`);
      if (!check.computable) {
        const lines = check.origins.slice(1).map((o) => `  ${originText(o, 'en')}\n`);
        err(`bana: ${cannotComputeSentence(check.origins, 'en')}\n${lines.join('')}`);
        return 3;
      }
      const { result } = check;
      if (rest.includes('--csv')) out(`${toCsv(trajectoryRows(result))}\n`);
      else {
        const { measures, key, ...series } = result;
        out(
          `${JSON.stringify({ name: doc.meta.name, keyFigures: key, measures: measures.map(({ values, ...m }) => m), trajectory: series }, null, 2)}\n`,
        );
      }
      return 0;
    }
    if (command === 'montecarlo' || command === 'goalseek') {
      const file = rest.find((a, i) => !a.startsWith('-') && !rest[i - 1]?.startsWith('--'));
      if (!file) throw new Error(`${command} needs a FILE`);
      const doc = readDocument(file);
      out(command === 'goalseek' ? goalSeekCommand(doc, rest) : await monteCarloCommand(doc, rest));
      return 0;
    }
    if (command === 'export-model') {
      if (rest.includes('--list')) {
        out(`${[...SHIPPED_SCENARIOS.map((r) => r.id), ...modelFiles().keys()].join('\n')}\n`);
        return 0;
      }
      const name = rest.find((a) => !a.startsWith('-'));
      if (!name) throw new Error('export-model needs a NAME (try --list)');
      const json = `${JSON.stringify(exportModel(name), null, 1)}\n`;
      const o = rest.indexOf('-o');
      const target = o >= 0 ? rest[o + 1] : undefined;
      if (target) writeFileSync(target, json);
      else out(json);
      return 0;
    }
    err(`unknown command "${command}"\n${HELP}`);
    return 2;
  } catch (error) {
    err(`bana: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
