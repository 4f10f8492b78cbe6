// Copy, cut and paste for the grid: the document's native ClipboardEvents, with Ctrl+C/X/V keydown as a
// fallback for browsers (or headless runs) where no native event follows the key. Kept apart so the
// strategy can be switched in one place (CLIPBOARD_MODE) once the headless probe has settled it.
import type { CellAddress } from '../../core/address';
import type { CellRect, GridActions } from '../../core/grid';

/**
 * - 'auto': native events; a Ctrl+C/X/V keydown with no native event in the same task falls back to
 *   the async Clipboard API (the keydown is not prevented, so the native event can still fire).
 * - 'native': native events only.
 * - 'keys': keydown only (prevented) through the async Clipboard API; native events are ignored.
 */
export type ClipboardMode = 'auto' | 'native' | 'keys';

/** The strategy the grid uses. Switch here after the probe. */
export const CLIPBOARD_MODE: ClipboardMode = 'auto';

export type ClipboardKind = 'copy' | 'cut' | 'paste';

/** The parts of the async Clipboard API the fallback uses (navigator.clipboard by default). */
export interface AsyncClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  write?(items: ClipboardItem[]): Promise<void>;
  read?(): Promise<ClipboardItems>;
}

export interface GridClipboardOptions {
  /** The grid element; events are handled only when their target is inside it (or the body). */
  root(): HTMLElement | undefined;
  /** True when the grid itself has focus and no in-cell edit is open. */
  enabled(): boolean;
  /** The selected rectangle (copy/cut) and the paste anchor. */
  rect(): CellRect;
  at(): CellAddress;
  actions: Pick<GridActions, 'copy' | 'paste'>;
  mode?: ClipboardMode;
  /** Where the native events are listened for (document by default). */
  target?: Pick<Document, 'addEventListener' | 'removeEventListener'>;
  clipboard?: AsyncClipboard;
  /** Called when the fallback cannot reach the clipboard (permission denied, insecure context). */
  onError?(error: unknown): void;
}

export interface GridClipboard {
  /** Give the grid's keydown to the clipboard first; true when it was a clipboard key. */
  onKeyDown(e: KeyboardEvent): boolean;
  dispose(): void;
}

/** Which clipboard command a keydown is (Ctrl or Cmd + C/X/V), if any. */
export function clipboardKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): ClipboardKind | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case 'c':
      return 'copy';
    case 'x':
      return 'cut';
    case 'v':
      return 'paste';
    default:
      return null;
  }
}

export function createGridClipboard(options: GridClipboardOptions): GridClipboard {
  const mode = options.mode ?? CLIPBOARD_MODE;
  const target = options.target ?? document;
  // Set by every native event we see; a keydown fallback runs only if none arrived after its key.
  let nativeSeen = false;
  let pendingTimer: ReturnType<typeof setTimeout> | undefined;

  function clipboard(): AsyncClipboard | undefined {
    return options.clipboard ?? (typeof navigator !== 'undefined' ? navigator.clipboard : undefined);
  }

  function isOurs(eventTarget: EventTarget | null): boolean {
    const root = options.root();
    if (!root || !options.enabled()) return false;
    // With no text selection, browsers may target the body rather than the focused element.
    const node = eventTarget as Node | null;
    return node === null || root.contains(node) || node === root.ownerDocument?.body;
  }

  function onNative(event: Event): void {
    nativeSeen = true;
    if (mode === 'keys') return;
    const e = event as ClipboardEvent;
    if (!e.clipboardData || !isOurs(e.target)) return;
    if (e.type === 'paste') {
      const text = e.clipboardData.getData('text/plain');
      const html = e.clipboardData.getData('text/html') || undefined;
      e.preventDefault();
      options.actions.paste(options.at(), html === undefined ? { text } : { text, html });
      return;
    }
    const { text, html } = options.actions.copy(options.rect(), e.type === 'cut');
    e.clipboardData.setData('text/plain', text);
    e.clipboardData.setData('text/html', html);
    e.preventDefault();
  }

  async function fallback(kind: ClipboardKind, rect: CellRect, at: CellAddress): Promise<void> {
    const cb = clipboard();
    try {
      if (!cb) throw new Error('The Clipboard API is not available');
      if (kind === 'paste') {
        let text: string | undefined;
        let html: string | undefined;
        if (cb.read) {
          try {
            for (const item of await cb.read()) {
              if (text === undefined && item.types.includes('text/plain'))
                text = await (await item.getType('text/plain')).text();
              if (html === undefined && item.types.includes('text/html'))
                html = await (await item.getType('text/html')).text();
            }
          } catch {
            // read() needs a permission readText() may not; fall through to readText.
          }
        }
        if (text === undefined) text = await cb.readText();
        options.actions.paste(at, html ? { text, html } : { text });
        return;
      }
      const { text, html } = options.actions.copy(rect, kind === 'cut');
      if (cb.write && typeof ClipboardItem !== 'undefined') {
        try {
          await cb.write([
            new ClipboardItem({
              'text/plain': new Blob([text], { type: 'text/plain' }),
              'text/html': new Blob([html], { type: 'text/html' }),
            }),
          ]);
          return;
        } catch {
          // Some browsers refuse text/html items; plain text is what matters.
        }
      }
      await cb.writeText(text);
    } catch (error) {
      options.onError?.(error);
    }
  }

  function onKeyDown(e: KeyboardEvent): boolean {
    const kind = clipboardKey(e);
    if (!kind || mode === 'native' || !options.enabled()) return false;
    // Capture the selection now: by the time the fallback runs, it may have moved.
    const rect = options.rect();
    const at = options.at();
    if (mode === 'keys') {
      e.preventDefault();
      void fallback(kind, rect, at);
      return true;
    }
    // 'auto': let the browser fire its native event (dispatched in this same task, after keydown);
    // only if none arrives do we use the async API, so the action never runs twice.
    nativeSeen = false;
    clearTimeout(pendingTimer);
    pendingTimer = setTimeout(() => {
      pendingTimer = undefined;
      if (!nativeSeen) void fallback(kind, rect, at);
    }, 0);
    return true;
  }

  target.addEventListener('copy', onNative);
  target.addEventListener('cut', onNative);
  target.addEventListener('paste', onNative);

  return {
    onKeyDown,
    dispose() {
      clearTimeout(pendingTimer);
      target.removeEventListener('copy', onNative);
      target.removeEventListener('cut', onNative);
      target.removeEventListener('paste', onNative);
    },
  };
}
