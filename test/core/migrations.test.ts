import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/core/document';
import {
  type Migration,
  type MigrationContext,
  migrateDocument,
  migrations,
} from '../../src/core/migrations';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url), 'utf8'));
}

const fixedContext: MigrationContext = {
  newScenarioId: () => 'wb_migrated',
  now: () => '2026-06-01T00:00:00.000Z',
};

/** What each frozen fixture must load as, written out by hand. */
const expected: Record<string, unknown> = {
  'v0.json': {
    schemaVersion: 2,
    id: 'wb_migrated',
    meta: {
      name: 'Utsläpp Dalarna (prototyp)',
      createdAt: '2025-03-14T09:30:00.000Z',
      updatedAt: '2025-03-14T09:30:00.000Z',
    },
    sheets: [
      {
        id: 'sh_1',
        name: 'Utsläpp',
        cells: [
          ['År', 'Utsläpp (kt CO2e)', 'Mål'],
          [2018, 1520.5, null],
          [2021, 1380, '=B2*0.25'],
          [],
          ['På spår?', '=B3<=C3', true],
        ],
        columnWidths: [],
      },
      { id: 'sh_2', name: 'Sheet2', cells: [['anteckning']], columnWidths: [] },
    ],
    names: [],
  },
  'v1.json': {
    schemaVersion: 2,
    id: 'wb_fixture_v1',
    meta: {
      name: 'Klimatfärdplan Uppsala',
      description: 'Frozen v1 fixture: do not edit.',
      createdAt: '2026-01-10T08:00:00.000Z',
      updatedAt: '2026-02-01T16:45:12.000Z',
      source: 'Nationella emissionsdatabasen (RUS), 2023',
    },
    sheets: [
      {
        id: 'sh_trend',
        name: 'Trend 2010–2035',
        cells: [
          ['År', 'Utsläpp (t CO2e)', 'Målbana'],
          [2010, 812000, '=B2'],
          [2030, null, '=B2*(1-Minskning_2030)'],
          [],
          ['Klimatneutral 2035', false],
        ],
        columnWidths: [80, null, 140],
      },
      { id: 'sh_notes', name: 'Anteckningar', cells: [], columnWidths: [] },
    ],
    names: [
      { name: 'Minskning_2030', expression: 0.75 },
      { name: 'Basår', expression: "='Trend 2010–2035'!A2" },
    ],
  },
};

expected['v2.json'] = {
  schemaVersion: 2,
  id: 'wb_fixture_v2',
  meta: {
    name: 'Andelar Gävleborg',
    description: 'Frozen v2 fixture: do not edit.',
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-02T10:15:00.000Z',
  },
  sheets: [
    {
      id: 'sh_shares',
      name: 'Andelar',
      cells: [
        ['År', 'Andel förnybart', 'Utsläpp', 'Kostnad'],
        [2030, 0.75, 1234567.5, 250000],
      ],
      columnWidths: [],
      formats: [[], ['0', '0%', '#,##0" t"', '#,##0" kr"']],
    },
  ],
  names: [],
};

describe('migrations', () => {
  it('has one step per version, with no gaps', () => {
    expect(migrations.length).toBe(SCHEMA_VERSION);
  });

  it('has a frozen fixture for every past version', () => {
    for (let v = 0; v <= SCHEMA_VERSION; v++) expect(Object.keys(expected)).toContain(`v${v}.json`);
  });

  for (const name of Object.keys(expected)) {
    it(`loads the frozen fixture ${name} as the expected document`, () => {
      const input = fixture(name);
      const before = structuredClone(input);
      expect(migrateDocument(input, migrations, fixedContext)).toEqual({ ok: true, value: expected[name] });
      expect(input).toEqual(before);
    });
  }

  it('gives a v0 file a fresh workbook id from the default context', () => {
    const a = migrateDocument(fixture('v0.json'));
    const b = migrateDocument(fixture('v0.json'));
    expect(a.ok && b.ok && a.value.id !== b.value.id).toBe(true);
  });

  it('returns ok:false and leaves the input untouched when a step fails', () => {
    const failing: Migration[] = [
      {
        description: 'deliberately broken',
        up(doc) {
          doc.title = 'mutated';
          (doc.sheets as unknown[]).length = 0;
          throw new Error('boom');
        },
      },
    ];
    const input = fixture('v0.json');
    const before = structuredClone(input);
    expect(migrateDocument(input, failing)).toEqual({
      ok: false,
      reason: 'Could not upgrade from schema 0 to 1: boom',
    });
    expect(input).toEqual(before);
  });

  it('returns ok:false when the migrated document does not validate', () => {
    const sloppy: Migration[] = [
      { description: 'forgets ids', up: (doc) => ({ ...doc, schemaVersion: 1 }) },
      ...migrations.slice(1),
    ];
    const result = migrateDocument(fixture('v0.json'), sloppy);
    expect(result).toEqual({ ok: false, reason: 'After upgrading from schema 0: id: expected text' });
  });

  it('returns ok:false when the chain has a gap', () => {
    expect(migrateDocument(fixture('v0.json'), [])).toEqual({
      ok: false,
      reason: 'No migration from schema 0 to 1.',
    });
  });

  it('refuses a file from a newer version with a clear message', () => {
    const newer = { ...(fixture('v1.json') as object), schemaVersion: SCHEMA_VERSION + 1 };
    expect(migrateDocument(newer)).toEqual({
      ok: false,
      reason: `This file was made by a newer version of Bana (schema ${SCHEMA_VERSION + 1}); this version reads up to schema ${SCHEMA_VERSION}. Update Bana to open it.`,
    });
  });

  it('refuses input without a schema version', () => {
    expect(migrateDocument({ title: 'x' })).toEqual({
      ok: false,
      reason: 'This is not a Bana workbook: it has no schema version.',
    });
    expect(migrateDocument('x').ok).toBe(false);
    expect(migrateDocument({ schemaVersion: -1 }).ok).toBe(false);
    expect(migrateDocument({ schemaVersion: 0.5 }).ok).toBe(false);
  });

  it('refuses a malformed v0 file without throwing', () => {
    expect(migrateDocument({ version: 0, title: 'x', sheets: 'nope' })).toEqual({
      ok: false,
      reason: 'Could not upgrade from schema 0 to 1: sheets: expected a list',
    });
    expect(migrateDocument({ version: 0, title: 'x', sheets: [{ name: 'a', data: [[{}]] }] })).toEqual({
      ok: false,
      reason:
        'After upgrading from schema 0: sheets[0].cells[0][0]: expected a number, text, boolean or empty',
    });
  });

  it('does not follow __proto__ keys in old files', () => {
    const hostile = JSON.parse(
      '{"version":0,"title":"x","__proto__":{"polluted":1},"sheets":[{"name":"a","data":[],"__proto__":{"polluted":2}}]}',
    );
    expect(migrateDocument(hostile).ok).toBe(true);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
