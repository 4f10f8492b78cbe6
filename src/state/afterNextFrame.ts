// A save timer that fires right after the next paint, so work it starts never delays that frame.

/** A timer that fires once the next frame has been painted (or after 100 ms in a hidden tab, which paints none). */
export function afterNextFrame(callback: () => void): unknown {
  const handle = { done: false, frame: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined };
  const fire = () => {
    if (handle.done) return;
    handle.done = true;
    clearTimeout(handle.timer);
    callback();
  };
  if (typeof requestAnimationFrame === 'function') {
    // A task after the frame callback: the paint comes between the two.
    handle.frame = requestAnimationFrame(() => setTimeout(fire, 0));
    handle.timer = setTimeout(fire, 100);
  } else {
    handle.timer = setTimeout(fire, 0);
  }
  return handle;
}

export function cancelAfterNextFrame(handle: unknown): void {
  const h = handle as { done: boolean; frame: number; timer?: ReturnType<typeof setTimeout> };
  h.done = true;
  clearTimeout(h.timer);
  if (h.frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(h.frame);
}
