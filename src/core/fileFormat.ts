// The `.bana.json` scenario file: writing a workbook out, and the one careful path that reads any
// untrusted text back in (a file, a link) — size first, then nesting depth, then JSON, then migration.
import { SCHEMA_VERSION, type ScenarioDocument } from './document';
import { migrateDocument } from './migrations';
import { fail, type Result } from './result';

/** The marker every exported file carries; validateDocument ignores it (it copies known fields only). */
export const FILE_FORMAT = 'bana-scenario';

/** The file name ending Bana writes; `.json` files are accepted too. */
export const FILE_EXTENSION = '.bana.json';

/**
 * Largest file Bana will read, in bytes. The biggest workbook the schema allows (5 million cells,
 * LIMITS.maxCellsPerWorkbook) of short numbers is about 40 MB of JSON; parsing 50 MB takes well under a
 * second and a few hundred MB of memory in Chromium. Anything larger could not be held by the engine.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Deepest nesting of arrays and objects accepted. A scenario document needs five levels
 * (document → sheets → sheet → cells → row); the headroom is for future fields. Checked before
 * JSON.parse, so a hostile `[[[[…]]]]` is refused with a clear reason instead of overflowing a stack
 * later in a recursive walk (structuredClone, JSON.stringify).
 */
export const MAX_NESTING_DEPTH = 32;

export type FileProblemKind =
  | 'too-large'
  | 'empty'
  | 'not-json'
  | 'not-scenario'
  | 'newer-version'
  | 'invalid';

/** Why a text could not be read as a workbook; `detail` is technical (a path, a size, a version). */
export interface FileProblem {
  kind: FileProblemKind;
  detail?: string;
}

/**
 * The text of a `.bana.json` file: the document as it is, with the format marker first. Each sheet
 * row is written on one line (as in models/), so files stay readable and diff well without the
 * size of one line per cell.
 *
 * @param doc A valid current-version document.
 * @returns JSON text that parseWorkbookFile reads back as an equal document.
 * @example
 * download(`${doc.meta.name}.bana.json`, serializeWorkbook(doc));
 */
export function serializeWorkbook(doc: ScenarioDocument): string {
  const json = (value: unknown) => JSON.stringify(value);
  const block = (value: unknown, indent: string) =>
    JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
  const sheets = doc.sheets.map((sheet) => {
    const lines = (grid: readonly (readonly unknown[] | undefined)[]) => {
      const rows = Array.from(
        grid,
        (row) => `        ${json(Array.from(row ?? [], (cell) => cell ?? null))}`,
      );
      return rows.length === 0 ? '[]' : `[\n${rows.join(',\n')}\n      ]`;
    };
    const widths = `      "columnWidths": ${json(Array.from(sheet.columnWidths, (w) => w ?? null))}`;
    return [
      '    {',
      `      "id": ${json(sheet.id)},`,
      `      "name": ${json(sheet.name)},`,
      `      "cells": ${lines(sheet.cells)},`,
      sheet.formats === undefined ? widths : `${widths},\n      "formats": ${lines(sheet.formats)}`,
      '    }',
    ].join('\n');
  });
  return [
    '{',
    `  "format": ${json(FILE_FORMAT)},`,
    `  "schemaVersion": ${json(doc.schemaVersion)},`,
    `  "id": ${json(doc.id)},`,
    `  "meta": ${block(doc.meta, '  ')},`,
    `  "sheets": [\n${sheets.join(',\n')}\n  ],`,
    `  "names": ${block(doc.names, '  ')}`,
    '}',
    '',
  ].join('\n');
}

/**
 * A file name every common file system accepts, built from a name a planner typed: characters
 * Windows and macOS refuse become `_`, control characters and leading dots go, and the stem is
 * cut to 120 characters so the path stays well under OS limits.
 *
 * @param name The workbook (or workbook and sheet) name.
 * @param extension The ending, dot included, e.g. `.xlsx`.
 * @param fallback The stem when nothing of `name` is left.
 * @example safeFileName('Mål 2030: a/b', '.csv') // 'Mål 2030_ a_b.csv'
 */
export function safeFileName(name: string, extension: string, fallback = 'workbook'): string {
  const stem = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f]+/g, '')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return `${stem || fallback}${extension}`;
}

/**
 * A safe file name for a workbook (see safeFileName).
 * @example scenarioFileName('Mål 2030: a/b') // 'Mål 2030_ a_b.bana.json'
 */
export function scenarioFileName(name: string): string {
  return safeFileName(name, FILE_EXTENSION);
}

/** A workbook as a `.bana.json` file to download: its safe file name and its text. */
export interface WorkbookFile {
  fileName: string;
  text: string;
}

/**
 * The `.bana.json` file of a workbook: the one way Bana writes one out (export, and the
 * "download a copy" offered when storage fails).
 * @example const file = workbookFile(doc); download(file.fileName, file.text);
 */
export function workbookFile(doc: ScenarioDocument): WorkbookFile {
  return { fileName: scenarioFileName(doc.meta.name), text: serializeWorkbook(doc) };
}

/**
 * Read untrusted text as a workbook: the size is checked before anything else, then emptiness,
 * nesting depth, JSON syntax, whether it is a Bana file at all, its version, and finally the
 * migration chain and validation. No prototype is ever touched: JSON.parse defines `__proto__` as an
 * ordinary own key, and migrateDocument/validateDocument read own data properties only and build
 * fresh objects, so such keys are dropped.
 *
 * @param text The file's text (a UTF-8 byte order mark is ignored).
 * @param size The file's size in bytes (File.size), checked against MAX_FILE_BYTES before parsing.
 * @returns the current-version document, or a FileProblem that says which check failed.
 * @example
 * const read = parseWorkbookFile(await file.text(), file.size);
 * if (!read.ok) showProblem(file.name, read.reason);
 */
export function parseWorkbookFile(text: string, size: number): Result<ScenarioDocument, FileProblem> {
  if (size > MAX_FILE_BYTES) return fail({ kind: 'too-large', detail: `${size} bytes` });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (size === 0 || body.trim() === '') return fail({ kind: 'empty' });
  const depth = nestingDepthExceeds(body, MAX_NESTING_DEPTH);
  if (depth)
    return fail({ kind: 'not-scenario', detail: `nested more than ${MAX_NESTING_DEPTH} levels deep` });

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return fail({ kind: 'not-json', detail: error instanceof Error ? error.message : String(error) });
  }
  const version = classify(parsed);
  if (version.kind === 'not-scenario') return fail({ kind: 'not-scenario', detail: version.detail });
  if (version.kind === 'newer') {
    return fail({
      kind: 'newer-version',
      detail: `schema ${version.version}; this Bana reads up to ${SCHEMA_VERSION}`,
    });
  }
  const migrated = migrateDocument(parsed);
  return migrated.ok ? migrated : fail({ kind: 'invalid', detail: migrated.reason });
}

type Classified =
  | { kind: 'known'; version: number }
  | { kind: 'newer'; version: number }
  | { kind: 'not-scenario'; detail: string };

/**
 * Decide whether parsed JSON claims to be a Bana workbook, and of which version. A newer version is
 * only reported for something that looks like Bana (its marker, or meta and sheets), so an unrelated
 * JSON file with `"schemaVersion": 7` reads as "not a scenario file", not "update Bana".
 */
function classify(parsed: unknown): Classified {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'not-scenario', detail: 'expected an object' };
  }
  const record = parsed as { [key: string]: unknown };
  const get = (key: string) => (Object.hasOwn(record, key) ? record[key] : undefined);
  const format = get('format');
  if (format !== undefined && format !== FILE_FORMAT) {
    return { kind: 'not-scenario', detail: `format is ${JSON.stringify(format)?.slice(0, 40)}` };
  }
  const schemaVersion = get('schemaVersion');
  if (schemaVersion !== undefined) {
    if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
      return { kind: 'not-scenario', detail: 'schemaVersion is not a version number' };
    }
    const looksLikeBana =
      format === FILE_FORMAT || (get('meta') !== undefined && get('sheets') !== undefined);
    if (schemaVersion > SCHEMA_VERSION) {
      return looksLikeBana
        ? { kind: 'newer', version: schemaVersion }
        : { kind: 'not-scenario', detail: 'no workbook fields' };
    }
    return { kind: 'known', version: schemaVersion };
  }
  // Version 0, the prototype's format, said `"version": 0` and had a title and sheets.
  if (get('version') === 0 && get('sheets') !== undefined) return { kind: 'known', version: 0 };
  return { kind: 'not-scenario', detail: 'no schema version' };
}

/**
 * True when arrays and objects in `text` nest deeper than `max`. One pass without recursion or
 * allocation; brackets inside strings do not count. Malformed text gives some answer and is then
 * refused by JSON.parse.
 */
function nestingDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}
