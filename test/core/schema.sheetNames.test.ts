import { describe, expect, it } from 'vitest';
import { createDocument } from '../../src/core/document';
import { sheetNameRuleProblem } from '../../src/core/schema';
import { sheetNameProblem } from '../../src/core/commands';

describe('sheetNameRuleProblem', () => {
  it('gives the same rules to files (the schema) and to renaming (commands)', () => {
    const doc = createDocument('Test', 'Inputs');
    const cases: [string, ReturnType<typeof sheetNameRuleProblem>][] = [
      ['Indata 2030', null],
      ['', 'empty'],
      ['   ', 'empty'],
      ['x'.repeat(100), null],
      ['x'.repeat(101), 'too-long'],
      ...['[', ']', '*', '?', '/', '\\', ':'].map((ch): [string, 'invalid-char'] => [
        `a${ch}b`,
        'invalid-char',
      ]),
    ];
    for (const [name, problem] of cases) {
      expect(sheetNameRuleProblem(name)).toBe(problem);
      expect(sheetNameProblem(doc, name)).toBe(problem);
    }
  });

  it('leaves what only a rename refuses to commands: quotes at the ends and duplicates', () => {
    const doc = createDocument('Test', 'Inputs');
    expect(sheetNameRuleProblem("'quoted'")).toBeNull();
    expect(sheetNameProblem(doc, "'quoted'")).toBe('invalid-char');
    expect(sheetNameRuleProblem('INPUTS')).toBeNull();
    expect(sheetNameProblem(doc, 'INPUTS')).toBe('duplicate');
  });
});
