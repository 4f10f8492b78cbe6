import { readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type ScenarioDocument, type SheetId } from '../../src/core/document';
import { MAX_NESTING_DEPTH } from '../../src/core/fileFormat';
import {
  MAX_LINK_LENGTH,
  MAX_LINK_TEXT_BYTES,
  decodeWorkbookLink,
  encodeWorkbookLink,
  fromBase64Url,
  toBase64Url,
  workbookParam,
} from '../../src/core/link';
import { migrateDocument } from '../../src/core/migrations';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../src/core/scenario/shipped';

const BASE = 'https://bana.example.se/app/';
const MODELS = new URL('../../models/', import.meta.url);

function load(url: URL): ScenarioDocument {
  const result = migrateDocument(JSON.parse(readFileSync(url, 'utf8')));
  if (!result.ok) throw new Error(`${url}: ${result.reason}`);
  return result.value;
}

const frozenV1 = load(new URL('../fixtures/documents/v1.json', import.meta.url));

/** A fragment holding `text` as the app would write it. */
function fragmentOf(text: string): string {
  return `#w=${toBase64Url(deflateSync(new TextEncoder().encode(text)))}`;
}

function decoded(hash: string) {
  const result = decodeWorkbookLink(hash);
  if (result === null) throw new Error('no workbook in the fragment');
  return result;
}

function problemOf(hash: string) {
  const result = decoded(hash);
  if (result.ok) throw new Error('expected a problem, got a document');
  return result.reason;
}

describe('encodeWorkbookLink and decodeWorkbookLink', () => {
  it('round-trips a workbook through a link', () => {
    const link = encodeWorkbookLink(frozenV1, BASE);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.value.startsWith(`${BASE}#w=`)).toBe(true);
    expect(decoded(new URL(link.value).hash)).toEqual({ ok: true, value: frozenV1 });
  });

  it('writes only characters that survive chat and mail clients unescaped', () => {
    const link = encodeWorkbookLink(frozenV1, BASE);
    if (!link.ok) throw new Error('expected a link');
    expect(link.value.slice(BASE.length)).toMatch(/^#w=[A-Za-z0-9_-]+$/);
  });

  it('reports too-large for a workbook whose link would pass MAX_LINK_LENGTH', () => {
    // Pseudo-random text does not compress, so the link grows with it.
    let seed = 2_463_534_242;
    const noise = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0).toString(36);
    };
    const rows = Array.from({ length: 2_000 }, () => [noise() + noise(), noise()]);
    const big: ScenarioDocument = {
      ...frozenV1,
      sheets: [{ id: 'sh_big' as SheetId, name: 'Stor', cells: rows, columnWidths: [] }],
    };
    const link = encodeWorkbookLink(big, BASE);
    expect(link.ok).toBe(false);
    if (link.ok) return;
    expect(link.reason.kind).toBe('too-large');
    expect(link.reason.max).toBe(MAX_LINK_LENGTH);
    expect(link.reason.length).toBeGreaterThan(MAX_LINK_LENGTH);
  });

  it('finds no workbook in an empty or unrelated fragment', () => {
    expect(decodeWorkbookLink('')).toBeNull();
    expect(decodeWorkbookLink('#')).toBeNull();
    expect(decodeWorkbookLink('#sheet-grid')).toBeNull();
    expect(workbookParam('#x=1&w=abc')).toBe('abc');
  });

  it('refuses a link that is not base64url', () => {
    expect(problemOf('#w=not%20base64!').kind).toBe('not-scenario');
    expect(problemOf('#w=').kind).toBe('empty');
  });

  it('refuses a link that was cut short', () => {
    const link = encodeWorkbookLink(frozenV1, BASE);
    if (!link.ok) throw new Error('expected a link');
    const hash = new URL(link.value).hash;
    const problem = problemOf(hash.slice(0, Math.floor(hash.length / 2)));
    expect(problem.kind).toBe('not-scenario');
  });

  it('stops a deflate bomb at MAX_LINK_TEXT_BYTES while unpacking', () => {
    const bomb = fragmentOf(' '.repeat(MAX_LINK_TEXT_BYTES * 4));
    expect(bomb.length).toBeLessThan(40_000);
    expect(problemOf(bomb).kind).toBe('too-large');
  });

  it('gives links the same checks as files: JSON, depth, version, validation', () => {
    expect(problemOf(fragmentOf('{"schemaVersion": 1, "id": ')).kind).toBe('not-json');
    expect(problemOf(fragmentOf('[]'.repeat(3) + '['.repeat(10_000) + ']'.repeat(10_000)))).toEqual({
      kind: 'not-scenario',
      detail: `nested more than ${MAX_NESTING_DEPTH} levels deep`,
    });
    const newer = { ...frozenV1, format: 'bana-scenario', schemaVersion: SCHEMA_VERSION + 1 };
    expect(problemOf(fragmentOf(JSON.stringify(newer))).kind).toBe('newer-version');
    const broken = { ...frozenV1, sheets: 'none' };
    expect(problemOf(fragmentOf(JSON.stringify(broken))).kind).toBe('invalid');
  });

  it('refuses bytes that are not UTF-8 text', () => {
    const bytes = deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(problemOf(`#w=${toBase64Url(bytes)}`).kind).toBe('not-json');
  });
});

describe('toBase64Url and fromBase64Url', () => {
  it('match Node’s base64url for every length and byte', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) % 256);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('reject characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
    expect(fromBase64Url('ab\u00e5c')).toBeNull();
  });
});

describe('links of the workbooks Bana ships with', () => {
  const now = new Date('2026-01-01T00:00:00.000Z');
  const files = new Map<string, ScenarioDocument>();
  for (const dir of ['', 'templates/', 'baselines/']) {
    for (const file of readdirSync(new URL(dir, MODELS))) {
      if (file.endsWith('.bana.json'))
        files.set(file.replace('.bana.json', ''), load(new URL(dir + file, MODELS)));
    }
  }
  const shipped = new Map<string, ScenarioDocument>(files);
  for (const recipe of SHIPPED_SCENARIOS) {
    shipped.set(
      recipe.id,
      buildShippedScenario(recipe, (stem) => files.get(stem), now),
    );
  }

  /** Random ids replaced by fixed ones, so the link's length is the same on every run. */
  function fixedIds(doc: ScenarioDocument): ScenarioDocument {
    return {
      ...doc,
      id: 'wb_shipped' as ScenarioDocument['id'],
      sheets: doc.sheets.map((s, i) => ({ ...s, id: `sh_${i + 1}` as SheetId })),
    };
  }

  it.each([...shipped.keys()])('%s fits in a link and reads back as the same workbook', (name) => {
    const doc = fixedIds(shipped.get(name) as ScenarioDocument);
    const link = encodeWorkbookLink(doc, 'https://bana.example.se/');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.value.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
    expect(encodeWorkbookLink(doc, 'https://bana.example.se/')).toEqual(link);
    expect(decoded(new URL(link.value).hash)).toEqual({ ok: true, value: doc });
  });
});
