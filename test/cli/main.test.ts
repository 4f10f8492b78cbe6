// The command line, called in-process: export a shipped scenario, evaluate it, and refuse bad files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

interface ScenarioFile {
  sheets: { name: string; cells: (string | number | null)[][] }[];
}

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'bana-cli-'));

describe('bana command line', () => {
  it('exports a shipped scenario and evaluates it to key figures and a trajectory', async () => {
    const file = join(dir, 'dalarna.bana.json');
    expect((await run('export-model', 'dalarna-2030', '-o', file)).code).toBe(0);
    const { code, out } = await run('eval', file);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.keyFigures.baseEmissions).toBe(17861);
    expect(json.keyFigures.targetLevel).toBeCloseTo(17861 * 0.25, 9);
    expect(json.trajectory.years).toHaveLength(33);
    expect(json.measures).toHaveLength(4);
  });

  it('prints the trajectory as CSV with --csv', async () => {
    const file = join(dir, 'stockholm.bana.json');
    await run('export-model', 'stockholm-climate-fund-2035', '-o', file);
    const { out } = await run('eval', file, '--csv');
    const lines = out.trim().split('\r\n');
    expect(lines[0]?.startsWith('year,base,bau,')).toBe(true);
    expect(lines).toHaveLength(34);
    expect(lines[1]?.split(',')[0]).toBe('2024');
  });

  it('refuses a malformed file with a clear message and a non-zero exit', async () => {
    const bad = join(dir, 'bad.bana.json');
    writeFileSync(bad, '{"schemaVersion": 1, "sheets": ');
    const broken = await run('eval', bad);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/not a valid scenario file/);
    const plain = join(dir, 'plain.bana.json');
    await run('export-model', 'region-stockholm-climate-fund-2025', '-o', plain);
    expect((await run('eval', plain)).err).toMatch(/not a scenario/);
    expect((await run('export-model', 'nope')).err).toMatch(/no model named "nope"/);
  });

  describe('a result that cannot be computed', () => {
    const exported = join(dir, 'dalarna-broken.bana.json');
    /** Dalarna's scenario with one change made to it, written to a file. */
    async function broken(change: (doc: ScenarioFile) => void): Promise<string> {
      if ((await run('export-model', 'dalarna-2030', '-o', exported)).code !== 0)
        throw new Error('export failed');
      const doc = JSON.parse(readFileSync(exported, 'utf8')) as ScenarioFile;
      change(doc);
      const file = join(dir, `changed-${Math.random().toString(36).slice(2)}.bana.json`);
      writeFileSync(file, JSON.stringify(doc));
      return file;
    }
    const cell = (doc: ScenarioFile, sheet: string, label: string) => {
      const s = doc.sheets.find((x) => x.name === sheet)!;
      return s.cells.find((r) => r[0] === label)!;
    };

    it('names a choice typed wrong, with its allowed values, and exits non-zero with no figures', async () => {
      const file = await broken((doc) => {
        cell(doc, 'Drivmedel', 'Alternativt bränsle')[1] = 'HVO';
      });
      const { code, out, err } = await run('eval', file);
      expect(code).toBe(3);
      expect(out).toBe('');
      expect(err).toContain(
        'The result cannot be computed: Drivmedel!B11: "HVO" is not one of HVO100, RME, Biogas, El',
      );
    }, 60_000);

    it('names text typed into Startår, though no formula turns it into an error', async () => {
      const file = await broken((doc) => {
        cell(doc, 'Drivmedel', 'Startår')[1] = 'tjugotjugotre';
      });
      const { code, err } = await run('eval', file, '--csv');
      expect(code).toBe(3);
      expect(err).toContain('Drivmedel!B5: "tjugotjugotre" is text where a year belongs');
    }, 60_000);

    it('names a division by zero and a deleted measure sheet where the error starts', async () => {
      const zero = await broken((doc) => {
        cell(doc, 'Baslinje', 'Förändring per år utan åtgärder (BAU)')[1] = '=1/0';
      });
      const divided = await run('eval', zero);
      expect(divided.code).toBe(3);
      expect(divided.err).toContain('Baslinje!B9: #DIV/0! division by zero');
      const deleted = await broken((doc) => {
        doc.sheets = doc.sheets.filter((s) => s.name !== 'Förkläden');
      });
      const ref = await run('eval', deleted);
      expect(ref.code).toBe(3);
      expect(ref.err).toMatch(
        /Bana!C7:[A-Z]+7: #REF! the formula refers to a cell or sheet that does not exist/,
      );
    }, 60_000);
  });
});
