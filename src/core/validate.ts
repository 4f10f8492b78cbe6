// A few validator combinators for untrusted data (files, stored records): each validator reads
// a value, returns a fresh copy of what it accepts, and refuses with a message at an exact path.
import { fail, ok, type Result } from './result';

/**
 * Where a value stands in the input: `null` for the whole input, else a field name or list index
 * below a parent. Spelled out (`sheets[1].cells[3][2]`) only for a refusal, so that walking
 * millions of cells builds no strings.
 */
export type Path = { readonly parent: Path; readonly key: string | number } | null;

/**
 * A validator: checks `value` found at `path` and returns a fresh, typed copy, or throws
 * {@link Invalid}. `run` carries what one whole validation counts (totals, seen keys).
 */
export type Validator<T> = (value: unknown, path: Path, run: Run) => T;

/** `path` as text, e.g. `sheets[1].cells[3][2]`; `root` names the whole input (`rows[2]`). */
export function pathText(path: Path, root: string): string {
  let out = '';
  for (let step = path; step !== null; step = step.parent) {
    out =
      typeof step.key === 'number'
        ? `[${step.key}]${out}`
        : step.parent === null
          ? step.key + out
          : `.${step.key}${out}`;
  }
  return out === '' || out.startsWith('[') ? root + out : out;
}

/** A refusal at a path, e.g. `sheets[1].cells[3][2]: expected a finite number`. */
export class Invalid {
  constructor(
    readonly path: Path,
    readonly message: string,
  ) {}

  /** The refusal as one line, e.g. `meta.name: expected text`; `root` names the whole input. */
  describe(root: string): string {
    return `${pathText(this.path, root)}: ${this.message}`;
  }
}

/** Refuse the value at `path`. */
export function invalid(path: Path, message: string): never {
  throw new Invalid(path, message);
}

/** What one validation of a whole input remembers: running totals and keys already seen. */
export class Run {
  private readonly totals = new Map<string, number>();
  private readonly seen = new Map<string, Set<string>>();

  /** Add `amount` to the total named `key`; returns the new total. */
  add(key: string, amount: number): number {
    const total = (this.totals.get(key) ?? 0) + amount;
    this.totals.set(key, total);
    return total;
  }

  /** Remember `key` in `scope`; false when it was already there. */
  first(scope: string, key: string): boolean {
    let keys = this.seen.get(scope);
    if (keys === undefined) {
      keys = new Set();
      this.seen.set(scope, keys);
    }
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  }
}

/**
 * Validate a whole input. Refusals come back as values; a RangeError from a pathological input
 * (say, an enormous string) is a refusal too, never a throw.
 *
 * @param validator The validator of the whole input.
 * @param input Anything: parsed JSON, a stored record.
 * @param root How a refusal of the whole input names it, e.g. `document`.
 * @returns `{ ok: true, value }` or `{ ok: false, reason }`, reason naming the path.
 * @example check(record({ name: text({ max: 10 }) }), JSON.parse(text), 'document')
 */
export function check<T>(validator: Validator<T>, input: unknown, root: string): Result<T, string> {
  try {
    return ok(validator(input, null, new Run()));
  } catch (error) {
    if (error instanceof Invalid) return fail(error.describe(root));
    return fail(`${root}: could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Read an own data property only: inherited values (a polluted or hostile prototype) and
 * accessors are ignored, and `__proto__` is never read through the prototype chain.
 */
function own(record: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

/**
 * An object with exactly these fields, validated in the order written. Unknown keys are dropped
 * and only own data properties are read; a field whose validator gives `undefined` is left out.
 */
export function record<T>(fields: { readonly [K in keyof T]-?: Validator<T[K]> }): Validator<T> {
  const entries = Object.entries(fields) as [string, Validator<unknown>][];
  return (value, path, run) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      invalid(path, 'expected an object');
    }
    const out: Record<string, unknown> = {};
    for (const [key, validate] of entries) {
      const field = validate(own(value, key), { parent: path, key }, run);
      if (field !== undefined) out[key] = field;
    }
    return out as T;
  };
}

export interface ListRules {
  /** At most this many items, refused as `has more than {max} {noun}`. */
  max: number;
  noun: string;
  /** The refusal of an empty list, when one is not allowed. */
  empty?: string;
  /** Checked before any item is read, so a hostile input fails fast instead of being copied first. */
  before?: (list: readonly unknown[], path: Path, run: Run) => void;
}

/** A list whose every item passes `item`. Holes are read as `undefined`. */
export function list<T>(item: Validator<T>, rules: ListRules): Validator<T[]> {
  return (value, path, run) => {
    if (!Array.isArray(value)) invalid(path, 'expected a list');
    if (rules.empty !== undefined && value.length === 0) invalid(path, rules.empty);
    if (value.length > rules.max) invalid(path, `has more than ${rules.max} ${rules.noun}`);
    rules.before?.(value, path, run);
    const out: T[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = item(value[i], { parent: path, key: i }, run);
    return out;
  };
}

export interface TextRules {
  max: number;
  /** Refuse text that is empty or only spaces. */
  nonEmpty?: boolean;
  /** How a too-long text is named in the refusal (default: `is`, as in `is longer than …`). */
  longer?: string;
}

/** Text of at most `max` characters. */
export function text(rules: TextRules): Validator<string> {
  const longer = `${rules.longer ?? 'is'} longer than ${rules.max} characters`;
  return (value, path) => {
    if (typeof value !== 'string') invalid(path, 'expected text');
    if (rules.nonEmpty && value.trim() === '') invalid(path, 'must not be empty');
    if (value.length > rules.max) invalid(path, longer);
    return value;
  };
}

/** A number that is neither NaN nor infinite. */
export function finiteNumber(): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number') invalid(path, 'expected a number');
    if (!Number.isFinite(value)) invalid(path, 'expected a finite number');
    return value;
  };
}

/** `validator`'s result, refused with `message` unless `test` holds. */
export function refine<T>(
  validator: Validator<T>,
  test: (value: T) => boolean,
  message: string | ((value: T) => string),
): Validator<T> {
  return (value, path, run) => {
    const result = validator(value, path, run);
    if (!test(result)) invalid(path, typeof message === 'string' ? message : message(result));
    return result;
  };
}

/** Exactly `expected`; the refusal says what was found instead. */
export function literal<const T extends string | number | boolean>(expected: T): Validator<T> {
  return (value, path) => {
    if (value !== expected) invalid(path, `expected ${String(expected)}, found ${describe(value)}`);
    return expected;
  };
}

/** `undefined` when absent (so a record leaves the field out), else `validator`'s result. */
export function optional<T>(validator: Validator<T>): Validator<T | undefined> {
  return (value, path, run) => (value === undefined ? undefined : validator(value, path, run));
}

/** `fallback()` when absent, else `validator`'s result. */
export function withDefault<T>(validator: Validator<T>, fallback: () => T): Validator<T> {
  return (value, path, run) => (value === undefined ? fallback() : validator(value, path, run));
}

/**
 * One value among a few JSON types, chosen by its type: `empty` takes `null` and `undefined`.
 * A value of any other type goes to `otherwise`, or is refused with `expected`.
 */
export function byType<T>(cases: {
  number?: Validator<T>;
  string?: Validator<T>;
  boolean?: Validator<T>;
  empty?: Validator<T>;
  otherwise?: Validator<T>;
  /** The refusal of a value no case takes, e.g. `expected a number, text, boolean or empty`. */
  expected?: string;
}): Validator<T> {
  const { number, string, boolean, empty, otherwise } = cases;
  return (value, path, run) => {
    let chosen: Validator<T> | undefined;
    if (value === null || value === undefined) chosen = empty;
    else if (typeof value === 'number') chosen = number;
    else if (typeof value === 'string') chosen = string;
    else if (typeof value === 'boolean') chosen = boolean;
    chosen ??= otherwise;
    if (chosen === undefined) invalid(path, cases.expected ?? 'has the wrong type');
    return chosen(value, path, run);
  };
}

/**
 * `validator`'s result, refused unless its `key` is the first of its kind in `scope` within the
 * whole validation (e.g. sheet names, compared case-insensitively).
 */
export function unique<T>(
  validator: Validator<T>,
  scope: string,
  key: (value: T) => string,
  message: (value: T) => string,
): Validator<T> {
  return (value, path, run) => {
    const result = validator(value, path, run);
    if (!run.first(scope, key(result))) invalid(path, message(result));
    return result;
  };
}

/** A short description of a value for a refusal: `nothing`, `2`, `"abc"`, `a list`, `object`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `"${value.slice(0, 20)}"`;
  return Array.isArray(value) ? 'a list' : typeof value;
}
