// The Monte Carlo settings a scenario stores (meta.monteCarlo): validated on every way in, kept by
// files and links, set and undone as one command.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/core/commands';
import { createDocument, type ScenarioDocument } from '../../src/core/document';
import { parseWorkbookFile, serializeWorkbook } from '../../src/core/fileFormat';
import { decodeWorkbookLink, encodeWorkbookLink } from '../../src/core/link';
import { validateDocument } from '../../src/core/schema';

const settings = { seed: 42, samples: 2000, distributions: { 'Drivmedel!B8': 'normal' as const } };

function withSettings(monteCarlo: unknown): unknown {
  const doc = createDocument('MC', 'Drivmedel', new Date('2026-01-01T00:00:00Z'));
  return { ...doc, meta: { ...doc.meta, monteCarlo } };
}

describe('meta.monteCarlo', () => {
  it('is optional: a document without it is valid and stays without it', () => {
    const doc = createDocument('Plain');
    const read = validateDocument(doc);
    expect(read.ok && read.value.meta.monteCarlo).toBeUndefined();
  });

  it('keeps the seed, sample count and distributions, quoted sheet names included', () => {
    const value = {
      ...settings,
      distributions: { "'Klimatfond 2025'!C12": 'uniform', 'Drivmedel!B8': 'normal' },
    };
    const read = validateDocument(withSettings(value));
    expect(read.ok && read.value.meta.monteCarlo).toEqual(value);
  });

  it('reads missing distributions as none chosen', () => {
    const read = validateDocument(withSettings({ seed: 1, samples: 10 }));
    expect(read.ok && read.value.meta.monteCarlo).toEqual({ seed: 1, samples: 10, distributions: {} });
  });

  it.each([
    [{ ...settings, seed: 1.5 }, 'meta.monteCarlo.seed: expected a whole number from 0 to 2147483647'],
    [{ ...settings, seed: -1 }, 'meta.monteCarlo.seed: expected a whole number'],
    [{ ...settings, seed: 2 ** 31 }, 'meta.monteCarlo.seed: expected a whole number'],
    [{ ...settings, samples: 0 }, 'meta.monteCarlo.samples: expected a whole number from 1 to 1000000'],
    [{ ...settings, samples: 1_000_001 }, 'meta.monteCarlo.samples'],
    [{ ...settings, samples: '10' }, 'meta.monteCarlo.samples: expected a number'],
    [
      { ...settings, distributions: { 'Drivmedel!B8': 'lognormal' } },
      'expected triangular, uniform, normal, found "lognormal"',
    ],
    [
      { ...settings, distributions: { B8: 'normal' } },
      'meta.monteCarlo.distributions.B8: expected a cell with its sheet',
    ],
    [{ ...settings, distributions: { 'Drivmedel!B8:C9': 'normal' } }, 'expected a cell with its sheet'],
    [{ ...settings, distributions: ['normal'] }, 'meta.monteCarlo.distributions: expected an object'],
    ['fast', 'meta.monteCarlo: expected an object'],
  ])('refuses %j with a message naming the field', (value, message) => {
    const read = validateDocument(withSettings(value));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain(message);
  });

  it('refuses a __proto__ key and never touches a prototype', () => {
    const text = `{"seed":1,"samples":5,"distributions":{"__proto__":"normal"}}`;
    const read = validateDocument(withSettings(JSON.parse(text)));
    expect(read.ok).toBe(false);
    expect(({} as Record<string, unknown>).normal).toBeUndefined();
  });

  it('survives a .bana.json file and a share link', () => {
    const doc = withSettings(settings) as ScenarioDocument;
    const file = serializeWorkbook(doc);
    const fromFile = parseWorkbookFile(file, file.length);
    expect(fromFile.ok && fromFile.value.meta.monteCarlo).toEqual(settings);
    const link = encodeWorkbookLink(doc, 'https://bana.example/');
    if (!link.ok) throw new Error('link too large');
    const fromLink = decodeWorkbookLink(new URL(link.value).hash);
    expect(fromLink?.ok && fromLink.value.meta.monteCarlo).toEqual(settings);
  });

  it('is set by one command whose inverse restores the previous settings (or none)', () => {
    const doc = createDocument('MC');
    const set = applyCommand(doc, { type: 'setMonteCarlo', settings });
    expect(set.doc.meta.monteCarlo).toEqual(settings);
    expect(set.changes).toEqual([{ kind: 'presentation' }]);
    const undone = applyCommand(set.doc, set.inverse);
    expect(undone.doc.meta).toEqual(doc.meta);
    expect('monteCarlo' in undone.doc.meta).toBe(false);
    const changed = applyCommand(set.doc, { type: 'setMonteCarlo', settings: { ...settings, seed: 7 } });
    expect(applyCommand(changed.doc, changed.inverse).doc.meta.monteCarlo).toEqual(settings);
  });
});
