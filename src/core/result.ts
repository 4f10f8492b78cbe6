// Failures as values at the edges: loaders and parsers return a Result instead of throwing.

export type Result<T, R = string> = { ok: true; value: T } | { ok: false; reason: R };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<R = string>(reason: R): { ok: false; reason: R } {
  return { ok: false, reason };
}
