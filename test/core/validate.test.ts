import { describe, expect, it } from 'vitest';
import {
  byType,
  check,
  finiteNumber,
  list,
  literal,
  optional,
  record,
  refine,
  text,
  unique,
  type Validator,
  withDefault,
} from '../../src/core/validate';

interface Item {
  id: string;
  note?: string;
}

const item = record<Item>({
  id: unique(
    text({ max: 5, nonEmpty: true }),
    'ids',
    (id) => id.toLowerCase(),
    (id) => `"${id}" again`,
  ),
  note: optional(text({ max: 3 })),
});

const shape = record<{ version: 2; items: Item[]; tags: string[] }>({
  version: literal(2),
  items: list(item, { max: 3, noun: 'items', empty: 'needs an item' }),
  tags: withDefault(list(text({ max: 10 }), { max: 2, noun: 'tags' }), () => []),
});

function reason<T>(validator: Validator<T>, input: unknown): string {
  const result = check(validator, input, 'input');
  if (result.ok) throw new Error('expected a refusal');
  return result.reason;
}

describe('validate', () => {
  it('returns a fresh copy with known fields only, leaving out absent optional ones', () => {
    const input = {
      version: 2,
      items: [
        { id: 'a', extra: 1 },
        { id: 'b', note: 'x' },
      ],
      other: true,
    };
    const result = check(shape, input, 'input');
    expect(result).toEqual({
      ok: true,
      value: { version: 2, items: [{ id: 'a' }, { id: 'b', note: 'x' }], tags: [] },
    });
    if (!result.ok) return;
    expect(result.value.items).not.toBe(input.items);
    expect(Object.keys(result.value.items[0] ?? {})).toEqual(['id']);
  });

  it('names the exact path of a refusal, and the whole input by its root name', () => {
    expect(reason(shape, 'x')).toBe('input: expected an object');
    expect(reason(shape, { version: 3 })).toBe('version: expected 2, found 3');
    expect(reason(shape, { version: 2, items: [{ id: 'a' }, { id: 'b', note: 'long' }] })).toBe(
      'items[1].note: is longer than 3 characters',
    );
    expect(
      reason(list(list(finiteNumber(), { max: 9, noun: 'n' }), { max: 9, noun: 'n' }), [
        [1],
        [2, Number.NaN],
      ]),
    ).toBe('input[1][1]: expected a finite number');
    expect(reason(shape, { version: 2, items: [] })).toBe('items: needs an item');
    expect(reason(shape, { version: 2, items: [{ id: 'a' }], tags: ['a', 'b', 'c'] })).toBe(
      'tags: has more than 2 tags',
    );
  });

  it('refuses a repeated key within one validation, but not across two', () => {
    expect(reason(shape, { version: 2, items: [{ id: 'Ab' }, { id: 'aB' }] })).toBe(
      'items[1].id: "aB" again',
    );
    expect(check(shape, { version: 2, items: [{ id: 'a' }] }, 'input').ok).toBe(true);
    expect(check(shape, { version: 2, items: [{ id: 'a' }] }, 'input').ok).toBe(true);
  });

  it('checks a list as a whole before reading any item', () => {
    const seen: number[] = [];
    const counted = list(
      refine(finiteNumber(), (n) => seen.push(n) > 0, 'never'),
      {
        max: 10,
        noun: 'numbers',
        before: (values, _path, run) => {
          if (run.add('total', values.length) > 3) throw new Error('over budget');
        },
      },
    );
    expect(reason(counted, [1, 2, 3, 4])).toBe('input: could not be read (over budget)');
    expect(seen).toEqual([]);
  });

  it('chooses by type, with a fallback for anything else', () => {
    const cell = byType<string | number | null>({
      empty: () => null,
      number: finiteNumber(),
      otherwise: text({ max: 4 }),
    });
    expect(check(list(cell, { max: 9, noun: 'cells' }), [null, undefined, 1, 'ab'], 'row')).toEqual({
      ok: true,
      value: [null, null, 1, 'ab'],
    });
    expect(reason(cell, true)).toBe('input: expected text');
    expect(reason(byType({ number: finiteNumber(), expected: 'expected a width' }), 'x')).toBe(
      'input: expected a width',
    );
  });

  it('reads own data properties only', () => {
    let read = false;
    const input = Object.create({ version: 2 });
    expect(reason(shape, input)).toBe('version: expected 2, found nothing');
    const withGetter = { items: [{ id: 'a' }] };
    Object.defineProperty(withGetter, 'version', {
      enumerable: true,
      get() {
        read = true;
        return 2;
      },
    });
    expect(reason(shape, withGetter)).toBe('version: expected 2, found nothing');
    expect(read).toBe(false);
  });

  it('gives a refusal message built from the value', () => {
    const even = refine(
      finiteNumber(),
      (n) => n % 2 === 0,
      (n) => `${n} is odd`,
    );
    expect(reason(even, 3)).toBe('input: 3 is odd');
  });
});
