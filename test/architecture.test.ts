// The layer rules and the cycle check in biome.json, run on a miniature of the folders with known
// breaches (test/fixtures/architecture) and on the real tree, which must have none.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');
const RULES = ['--only=style/noRestrictedImports', '--only=suspicious/noImportCycles'];
/** Biome lints the whole repository in about 2 s of CPU; a shared machine can stretch that several times. */
const TIMEOUT = 60_000;

interface Finding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

/** Lints `dir` with the biome.json found there; the exit status and one finding per diagnostic. */
function lint(dir: string, only: string[] = []): { status: number | null; findings: Finding[] } {
  const run = spawnSync(BIOME, ['lint', '--reporter=rdjson', ...only, '.'], { cwd: dir, encoding: 'utf8' });
  if (!run.stdout.trim()) throw new Error(`biome lint gave no report: ${run.error ?? run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    diagnostics: {
      code: { value: string };
      location: { path: string; range: { start: { line: number } } };
      message: string;
    }[];
  };
  const findings = report.diagnostics.map((d) => ({
    file: d.location.path,
    line: d.location.range.start.line,
    rule: d.code.value,
    message: d.message,
  }));
  return { status: run.status, findings };
}

describe('layer boundaries (biome.json)', () => {
  const work = mkdtempSync(join(tmpdir(), 'bana-architecture-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    'reports every deliberate upward import and the cycle in the fixture, and nothing else',
    () => {
      // The real configuration over a copy of the fixture, laid out as the repository's own folders.
      cpSync(join(ROOT, 'test/fixtures/architecture'), work, { recursive: true });
      cpSync(join(ROOT, 'biome.json'), join(work, 'biome.json'));
      const { status, findings } = lint(work);

      expect(status).not.toBe(0);
      const restricted = 'lint/style/noRestrictedImports';
      const cycle = 'lint/suspicious/noImportCycles';
      const where = findings.map((f) => `${f.file}:${f.line} ${f.rule}`).sort();
      expect(where).toEqual(
        [
          `src/cli/main.ts:2 ${restricted}`,
          `src/core/cycleA.ts:2 ${cycle}`,
          `src/core/cycleB.ts:2 ${cycle}`,
          `src/core/engine.ts:2 ${restricted}`,
          `src/core/upward.ts:2 ${restricted}`,
          `src/engine/client.ts:2 ${restricted}`,
          `src/excel/xlsx.ts:2 ${restricted}`,
          `src/i18n/format.ts:3 ${restricted}`,
          `src/state/store.ts:3 ${restricted}`,
          `src/storage/db.ts:2 ${restricted}`,
          `workers/upward.ts:2 ${restricted}`,
          `workers/upward.ts:3 ${restricted}`,
        ].sort(),
      );
      // Each layer's breach is explained by that layer's own rule.
      const message = (file: string) => findings.find((f) => f.file === file)?.message ?? '';
      expect(message('src/state/store.ts')).toMatch(/^src\/state may not import src\/ui/);
      expect(message('src/i18n/format.ts')).toMatch(/^src\/i18n formats/);
      expect(message('src/cli/main.ts')).toMatch(/^src\/cli runs in Node/);
      expect(message('workers/upward.ts')).toMatch(/^workers\/ may import only src\/core/);
    },
    TIMEOUT,
  );

  it(
    'finds no upward import and no cycle in the real tree',
    () => {
      const { status, findings } = lint(ROOT, RULES);
      expect(findings).toEqual([]);
      expect(status).toBe(0);
    },
    TIMEOUT,
  );
});
