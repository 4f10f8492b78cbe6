import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AsyncClipboard,
  type ClipboardMode,
  clipboardKey,
  createGridClipboard,
} from '../../../src/ui/grid/gridClipboard';
import type { CellRect } from '../../../src/core/grid';

const RECT: CellRect = { row: 1, col: 2, rowEnd: 3, colEnd: 4 };
const body = { name: 'body' };
const inside = { name: 'cell' };
const outside = { name: 'elsewhere' };
const root = {
  contains: (node: unknown) => node === root || node === inside,
  ownerDocument: { body },
} as unknown as HTMLElement;

class FakeData {
  store = new Map<string, string>();
  setData(type: string, value: string) {
    this.store.set(type, value);
  }
  getData(type: string) {
    return this.store.get(type) ?? '';
  }
}

function setup(mode: ClipboardMode = 'auto', enabled = true) {
  const target = new EventTarget();
  const actions = {
    copy: vi.fn((_rect: CellRect, cut: boolean) => ({ text: cut ? 'cut' : 'a\tb', html: '<table></table>' })),
    paste: vi.fn(),
  };
  const clipboard: AsyncClipboard = {
    writeText: vi.fn(async () => {}),
    readText: vi.fn(async () => 'from clipboard'),
  };
  const onError = vi.fn();
  const clip = createGridClipboard({
    root: () => root,
    enabled: () => enabled,
    rect: () => RECT,
    at: () => ({ row: 1, col: 2 }),
    actions,
    mode,
    target: target as unknown as Document,
    clipboard,
    onError,
  });
  function fire(type: 'copy' | 'cut' | 'paste', on: unknown = inside, data = new FakeData()) {
    const event = new Event(type, { cancelable: true });
    Object.defineProperty(event, 'target', { value: on });
    Object.defineProperty(event, 'clipboardData', { value: data });
    target.dispatchEvent(event);
    return { event, data };
  }
  function key(k: string, extra: Partial<KeyboardEvent> = {}) {
    const e = {
      key: k,
      ctrlKey: true,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      preventDefault: vi.fn(),
      ...extra,
    };
    const handled = clip.onKeyDown(e as unknown as KeyboardEvent);
    return { handled, e };
  }
  return { clip, actions, clipboard, onError, fire, key };
}

describe('clipboardKey', () => {
  it('recognises Ctrl or Cmd with C, X and V, but not AltGr combinations', () => {
    const k = (key: string, mods: Partial<KeyboardEvent>) =>
      clipboardKey({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(k('c', { ctrlKey: true })).toBe('copy');
    expect(k('X', { metaKey: true })).toBe('cut');
    expect(k('v', { ctrlKey: true })).toBe('paste');
    expect(k('c', {})).toBeNull();
    expect(k('v', { ctrlKey: true, altKey: true })).toBeNull();
    expect(k('z', { ctrlKey: true })).toBeNull();
  });
});

describe('createGridClipboard: native events', () => {
  it('copy writes text and HTML from actions.copy and prevents the default', () => {
    const { actions, fire } = setup();
    const { event, data } = fire('copy');
    expect(actions.copy).toHaveBeenCalledWith(RECT, false);
    expect(data.getData('text/plain')).toBe('a\tb');
    expect(data.getData('text/html')).toBe('<table></table>');
    expect(event.defaultPrevented).toBe(true);
  });

  it('cut asks for a cut copy', () => {
    const { actions, fire } = setup();
    fire('cut');
    expect(actions.copy).toHaveBeenCalledWith(RECT, true);
  });

  it('paste passes text, and HTML only when present, at the active cell', () => {
    const { actions, fire } = setup();
    const withHtml = new FakeData();
    withHtml.setData('text/plain', '1\t2');
    withHtml.setData('text/html', '<table><tr><td>1</td></tr></table>');
    fire('paste', inside, withHtml);
    expect(actions.paste).toHaveBeenLastCalledWith(
      { row: 1, col: 2 },
      { text: '1\t2', html: '<table><tr><td>1</td></tr></table>' },
    );
    const plain = new FakeData();
    plain.setData('text/plain', 'x');
    fire('paste', body, plain);
    expect(actions.paste).toHaveBeenLastCalledWith({ row: 1, col: 2 }, { text: 'x' });
  });

  it('ignores events aimed elsewhere, while disabled (editing), and after dispose', () => {
    const a = setup();
    const { event } = a.fire('copy', outside);
    expect(a.actions.copy).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
    const b = setup('auto', false);
    b.fire('paste');
    expect(b.actions.paste).not.toHaveBeenCalled();
    a.clip.dispose();
    a.fire('copy');
    expect(a.actions.copy).not.toHaveBeenCalled();
  });
});

describe('createGridClipboard: keydown fallback', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does nothing extra when the native event follows the key (no double copy)', async () => {
    const { actions, clipboard, fire, key } = setup();
    const { handled, e } = key('c');
    expect(handled).toBe(true);
    expect(e.preventDefault).not.toHaveBeenCalled();
    fire('copy');
    await vi.runAllTimersAsync();
    expect(actions.copy).toHaveBeenCalledTimes(1);
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('copies through the async Clipboard API when no native event arrives', async () => {
    const { actions, clipboard, key } = setup();
    key('c');
    expect(actions.copy).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(actions.copy).toHaveBeenCalledWith(RECT, false);
    expect(clipboard.writeText).toHaveBeenCalledWith('a\tb');
  });

  it('pastes through the async Clipboard API when no native event arrives', async () => {
    const { actions, key } = setup();
    key('v');
    await vi.runAllTimersAsync();
    expect(actions.paste).toHaveBeenCalledWith({ row: 1, col: 2 }, { text: 'from clipboard' });
  });

  it('reports a refused clipboard instead of throwing', async () => {
    const { clipboard, onError, key } = setup();
    clipboard.readText = vi.fn(async () => {
      throw new Error('denied');
    });
    key('v');
    await vi.runAllTimersAsync();
    expect(onError).toHaveBeenCalled();
  });

  it("in 'native' mode leaves keys alone; in 'keys' mode prevents them and ignores native events", async () => {
    const native = setup('native');
    expect(native.key('c').handled).toBe(false);

    const keys = setup('keys');
    const { handled, e } = keys.key('x');
    expect(handled).toBe(true);
    expect(e.preventDefault).toHaveBeenCalled();
    keys.fire('cut');
    await vi.runAllTimersAsync();
    expect(keys.actions.copy).toHaveBeenCalledTimes(1);
    expect(keys.clipboard.writeText).toHaveBeenCalledWith('cut');
  });

  it('ignores other keys and keys while disabled', () => {
    expect(setup().key('z').handled).toBe(false);
    expect(setup('auto', false).key('c').handled).toBe(false);
  });
});
