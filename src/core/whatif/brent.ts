// Brent's method (Brent 1973, as in Numerical Recipes' zbrent): a root of f in a bracket where f
// changes sign, by inverse quadratic interpolation, secant steps and bisection when those stall.

export interface BrentOptions {
  /** Stop when the bracket is narrower than this (absolute, in x). */
  xTolerance?: number;
  maxIterations?: number;
  /** f(a) and f(b) when the caller has them already (a scan), to save two evaluations. */
  fa?: number;
  fb?: number;
}

export interface Root {
  x: number;
  fx: number;
  /** The other end of the last bracket (f has the other sign there, or x itself): its f value too. */
  other: number;
  fOther: number;
  /** Evaluations of f made here. */
  evaluations: number;
}

/**
 * A root of f between a and b, or null when f(a) and f(b) have the same sign (no bracket) or one
 * is not a number. Converges for any f that changes sign in [a, b], continuous or not (a jump is
 * found as the point where the sign changes), in at most about log2((b − a) / tolerance)² steps.
 * @example brent((x) => x * x - 2, 0, 2)?.x // 1.41421356…
 */
export function brent(
  f: (x: number) => number,
  a: number,
  b: number,
  options: BrentOptions = {},
): Root | null {
  const tolerance = options.xTolerance ?? 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  const maxIterations = options.maxIterations ?? 200;
  let evaluations = 0;
  const at = (x: number) => {
    evaluations++;
    return f(x);
  };
  let fa = options.fa ?? at(a);
  let fb = options.fb ?? at(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) return null;
  if (fa === 0) return { x: a, fx: fa, other: a, fOther: fa, evaluations };
  if (fb === 0) return { x: b, fx: fb, other: b, fOther: fb, evaluations };
  if (fa > 0 === fb > 0) return null;
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIterations; i++) {
    if (fb > 0 === fc > 0) {
      // The root is between a and b: c takes a's place.
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tolerance;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return { x: b, fx: fb, other: c, fOther: fc, evaluations };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      // Take the interpolation only if it stays inside the bracket and shrinks fast enough.
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : Math.sign(xm) * tol1;
    fb = at(b);
    if (Number.isNaN(fb)) return null;
  }
  return { x: b, fx: fb, other: c, fOther: fc, evaluations };
}
