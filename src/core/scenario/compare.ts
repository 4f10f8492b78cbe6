// Comparing scenarios' inputs: which parameter cells (a label in column A, a value in B, a unit in C)
// differ between same-named sheets of the compared workbooks. Pure; the values are the raw inputs.
import type { RawCell, ScenarioDocument, Sheet } from '../document';

/** One parameter whose input is not the same in every compared scenario that has its sheet. */
export interface InputDifference {
  /** The sheet's name as the first scenario that has it spells it. */
  sheet: string;
  /** The label in column A. */
  label: string;
  /** The unit in column C, as the first scenario that has the row gives it. */
  unit: string;
  /**
   * The raw value in column B per scenario, in the order given: a formula as its text, and
   * `undefined` where the scenario has no such sheet or no such row.
   */
  values: (RawCell | undefined)[];
}

interface Parameter {
  label: string;
  unit: string;
  value: RawCell;
}

function text(raw: RawCell | undefined): string {
  return typeof raw === 'string' ? raw.trim() : '';
}

/**
 * A sheet's parameters by key: the label, numbered when the same label appears again further down
 * (tables of alternatives can repeat a label), so the n-th occurrence is compared with the n-th.
 */
function parametersOf(sheet: Sheet): Map<string, Parameter> {
  const found = new Map<string, Parameter>();
  const seen = new Map<string, number>();
  for (const row of sheet.cells) {
    const label = text(row?.[0]);
    const unit = text(row?.[2]);
    if (label === '' || unit === '') continue;
    const n = seen.get(label) ?? 0;
    seen.set(label, n + 1);
    found.set(`${label}\u0000${n}`, { label, unit, value: row?.[1] ?? null });
  }
  return found;
}

/**
 * The parameter inputs that differ between scenarios, sheet by sheet (in the order the sheets first
 * appear) and row by row. Sheets are matched by name, ignoring case; a sheet only one scenario has
 * is not compared. A row present in some scenarios' copy of a sheet but not in others' counts as
 * differing.
 * @example differingInputs([a, b]) → [{ sheet: 'Baslinje', label: 'Basår', unit: 'år', values: [2024, 2018] }]
 */
export function differingInputs(docs: readonly ScenarioDocument[]): InputDifference[] {
  const sheetNames: string[] = [];
  const byName = new Map<string, (Sheet | undefined)[]>();
  docs.forEach((doc, i) => {
    for (const sheet of doc.sheets) {
      const key = sheet.name.toLocaleLowerCase();
      let sheets = byName.get(key);
      if (!sheets) {
        sheets = docs.map(() => undefined);
        byName.set(key, sheets);
        sheetNames.push(key);
      }
      sheets[i] ??= sheet;
    }
  });

  const differences: InputDifference[] = [];
  for (const key of sheetNames) {
    const sheets = byName.get(key) ?? [];
    const present = sheets.filter((s): s is Sheet => s !== undefined);
    if (present.length < 2) continue;
    const parameters = sheets.map((s) => (s ? parametersOf(s) : undefined));
    const keys: string[] = [];
    for (const params of parameters) {
      for (const k of params?.keys() ?? []) if (!keys.includes(k)) keys.push(k);
    }
    for (const k of keys) {
      const rows = parameters.map((params) => params?.get(k));
      const compared = parameters.flatMap((params, i) => (params ? [rows[i]?.value] : []));
      if (compared.every((v) => v === compared[0])) continue;
      const first = rows.find((r) => r !== undefined) as Parameter;
      differences.push({
        sheet: (present[0] as Sheet).name,
        label: first.label,
        unit: first.unit,
        values: rows.map((r) => r?.value),
      });
    }
  }
  return differences;
}
