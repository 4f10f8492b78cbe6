import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSION, type ScenarioDocument } from '../../src/core/document';
import {
  FILE_FORMAT,
  MAX_FILE_BYTES,
  MAX_NESTING_DEPTH,
  parseWorkbookFile,
  safeFileName,
  scenarioFileName,
  serializeWorkbook,
  workbookFile,
} from '../../src/core/fileFormat';
import { migrateDocument } from '../../src/core/migrations';

/** A fixture as the browser would hand it over: the text (UTF-8 decoded) and File.size in bytes. */
function fixture(name: string): { text: string; size: number } {
  const url = new URL(`../fixtures/files/${name}`, import.meta.url);
  return { text: readFileSync(url, 'utf8'), size: statSync(url).size };
}

function read(name: string) {
  const { text, size } = fixture(name);
  return parseWorkbookFile(text, size);
}

function sizeOf(text: string): number {
  return new TextEncoder().encode(text).length;
}

function parse(text: string) {
  return parseWorkbookFile(text, sizeOf(text));
}

function problemOf(result: ReturnType<typeof parseWorkbookFile>) {
  if (result.ok) throw new Error('expected a problem, got a document');
  return result.reason;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseWorkbookFile', () => {
  it('reads a valid current-version file with every field intact', () => {
    const result = read('valid-v1.bana.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.value;
    expect(doc.id).toBe('wb_fixture_file');
    expect(doc.meta.name).toBe('Delad färdplan Gävleborg');
    expect(doc.sheets.map((s) => s.name)).toEqual(['Utsläpp', 'Åtgärder']);
    expect(doc.sheets[0]?.cells[4]).toEqual(['Summa', '=SUM(B2:B3)', "='Åtgärder'!B2"]);
    expect(doc.sheets[0]?.columnWidths).toEqual([120, null, 90]);
    expect(doc.names).toEqual([{ name: 'Minskning_2030', expression: 0.75 }]);
    // The format marker is a file concern; the document does not carry it.
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'id', 'meta', 'sheets', 'names']);
  });

  it('migrates a version 0 file from the prototype to the current schema', () => {
    const result = read('v0-prototype.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.schemaVersion).toBe(SCHEMA_VERSION);
    expect(result.value.meta.name).toBe('Utsläpp Dalarna (prototyp)');
    expect(result.value.sheets.map((s) => s.name)).toEqual(['Utsläpp', 'Sheet2']);
    expect(result.value.sheets[0]?.cells[2]).toEqual([2021, 1380, '=B2*0.25']);
  });

  it('refuses an empty file', () => {
    expect(problemOf(read('empty.txt'))).toEqual({ kind: 'empty' });
    expect(problemOf(parse('  \n\t '))).toEqual({ kind: 'empty' });
  });

  it('refuses a truncated file as not JSON', () => {
    expect(problemOf(read('truncated.txt')).kind).toBe('not-json');
  });

  it('refuses a PNG picture renamed to .bana.json as not JSON', () => {
    const problem = problemOf(read('picture.png'));
    expect(problem.kind).toBe('not-json');
  });

  it('refuses JSON of another shape as not a scenario file', () => {
    expect(problemOf(read('wrong-shape.json'))).toMatchObject({ kind: 'not-scenario' });
    for (const text of ['[1, 2, 3]', '"text"', '42', 'null', '{"schemaVersion": "1"}', '{"version": 3}']) {
      expect(problemOf(parse(text)).kind, text).toBe('not-scenario');
    }
  });

  it('refuses a file with another format marker as not a scenario file', () => {
    const { text } = fixture('valid-v1.bana.json');
    const other = text.replace(`"format": "${FILE_FORMAT}"`, '"format": "excalidraw"');
    expect(problemOf(parse(other)).kind).toBe('not-scenario');
  });

  it('says a file from a newer version of Bana needs a newer Bana, not that it is broken', () => {
    const problem = problemOf(read('newer-version.bana.json'));
    expect(problem.kind).toBe('newer-version');
    expect(problem.detail).toContain('schema 99');
  });

  it('does not call unrelated JSON with a large schemaVersion "newer"', () => {
    expect(problemOf(parse('{"schemaVersion": 7, "packages": {}}')).kind).toBe('not-scenario');
  });

  it('refuses a Bana file with a damaged cell as invalid and names the place', () => {
    const problem = problemOf(read('invalid-cell.bana.json'));
    expect(problem.kind).toBe('invalid');
    expect(problem.detail).toContain('sheets[0].cells[1][1]');
  });

  it('checks the size before parsing anything', () => {
    const parseSpy = vi.spyOn(JSON, 'parse');
    const problem = problemOf(parseWorkbookFile('{"schemaVersion": 1}', MAX_FILE_BYTES + 1));
    expect(problem.kind).toBe('too-large');
    expect(parseSpy).not.toHaveBeenCalled();
  });

  it('refuses 10 000 nested arrays with a clear reason instead of overflowing the stack', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const problem = problemOf(parse(deep));
    expect(problem).toEqual({
      kind: 'not-scenario',
      detail: `nested more than ${MAX_NESTING_DEPTH} levels deep`,
    });
    const { text } = fixture('valid-v1.bana.json');
    const hidden = text.replace('[2018, 640000,', `[2018, ${'['.repeat(10_000)}${']'.repeat(10_000)},`);
    expect(problemOf(parse(hidden)).kind).toBe('not-scenario');
  });

  it('does not count brackets inside strings as nesting', () => {
    const { text } = fixture('valid-v1.bana.json');
    const withBrackets = text.replace('"Biogas"', `"${'[{'.repeat(100)}\\"${']}'.repeat(100)}"`);
    expect(parse(withBrackets).ok).toBe(true);
  });

  it('ignores a UTF-8 byte order mark (Windows editors write one)', () => {
    const { text } = fixture('valid-v1.bana.json');
    expect(parse(`\uFEFF${text}`).ok).toBe(true);
  });

  it('drops __proto__, constructor and prototype keys without touching any prototype', () => {
    const result = read('proto-keys.bana.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.value;
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    for (const record of [doc, doc.meta, doc.sheets[0], doc.names[0]] as object[]) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.hasOwn(record, '__proto__')).toBe(false);
      expect((record as { polluted?: unknown }).polluted).toBeUndefined();
    }
    expect(Object.hasOwn(doc, 'constructor')).toBe(false);
    expect(Object.hasOwn(doc.sheets[0] as object, 'prototype')).toBe(false);
    expect(JSON.stringify(doc)).not.toContain('polluted');
    expect(doc.sheets[0]?.cells).toEqual([[1, 2, '=A1+B1']]);
  });

  it('drops __proto__ keys in a version 0 file, which goes through the migration chain', () => {
    const text =
      '{"__proto__": {"polluted": 1}, "version": 0, "title": "Gammal", "sheets": [{"__proto__": {"polluted": 2}, "name": "A", "data": [[1]]}]}';
    const result = parse(text);
    expect(result.ok).toBe(true);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    if (result.ok) expect(JSON.stringify(result.value)).not.toContain('polluted');
  });
});

describe('serializeWorkbook', () => {
  const frozenV1 = readFileSync(new URL('../fixtures/documents/v1.json', import.meta.url), 'utf8');
  const seed = readFileSync(
    new URL('../../models/region-stockholm-climate-fund-2025.bana.json', import.meta.url),
    'utf8',
  );

  function load(text: string): ScenarioDocument {
    const result = migrateDocument(JSON.parse(text));
    if (!result.ok) throw new Error(result.reason);
    return result.value;
  }

  it('writes a file that reads back as an equal document', () => {
    for (const doc of [load(frozenV1), load(seed)]) {
      const text = serializeWorkbook(doc);
      const back = parseWorkbookFile(text, sizeOf(text));
      expect(back).toEqual({ ok: true, value: doc });
    }
  });

  it('marks the file as a Bana scenario and writes one sheet row per line', () => {
    const doc = load(frozenV1);
    const text = serializeWorkbook(doc);
    const json = JSON.parse(text);
    expect(json.format).toBe(FILE_FORMAT);
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
    expect(text).toContain('\n        ["År","Utsläpp (t CO2e)","Målbana"],\n');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes holes of sparse rows as empty cells', () => {
    const doc = load(frozenV1);
    const row: (number | null)[] = [];
    row[3] = 5;
    const sparse: ScenarioDocument = {
      ...doc,
      sheets: [{ ...(doc.sheets[0] as ScenarioDocument['sheets'][number]), cells: [row] }],
    };
    const text = serializeWorkbook(sparse);
    expect(text).toContain('[null,null,null,5]');
    expect(parseWorkbookFile(text, sizeOf(text)).ok).toBe(true);
  });
});

describe('safeFileName', () => {
  it('turns characters file systems refuse into "_" and drops control characters and leading dots', () => {
    expect(safeFileName('Mål 2030: a/b', '.csv')).toBe('Mål 2030_ a_b.csv');
    expect(safeFileName('a\u0000b\u007f?*<>|"c', '.xlsx')).toBe('ab_c.xlsx');
    expect(safeFileName('..hidden', '.xlsx')).toBe('hidden.xlsx');
  });

  it('cuts long names to 120 characters and falls back when nothing is left', () => {
    expect(safeFileName('x'.repeat(300), '.csv')).toBe(`${'x'.repeat(120)}.csv`);
    expect(safeFileName('  ', '.csv', 'sheet')).toBe('sheet.csv');
    expect(safeFileName('', '.xlsx')).toBe('workbook.xlsx');
    expect(scenarioFileName('Klimat / fond')).toBe('Klimat _ fond.bana.json');
  });
});

describe('workbookFile', () => {
  it('names the file after the workbook and writes the text that reads back as the document', () => {
    const result = migrateDocument(
      JSON.parse(readFileSync(new URL('../fixtures/documents/v1.json', import.meta.url), 'utf8')),
    );
    if (!result.ok) throw new Error(result.reason);
    const doc = { ...result.value, meta: { ...result.value.meta, name: 'Plan: 2030' } };
    const file = workbookFile(doc);
    expect(file.fileName).toBe('Plan_ 2030.bana.json');
    expect(parseWorkbookFile(file.text, sizeOf(file.text))).toEqual({ ok: true, value: doc });
  });
});
