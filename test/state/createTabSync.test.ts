// Tab sync: what a tab does when another tab saves, over a real (Node) BroadcastChannel and a fake one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioId } from '../../src/core/document';
import {
  createTabSync,
  decideOnOtherSave,
  readTabMessage,
  type TabChannel,
  type TabSync,
  type TabSyncHost,
} from '../../src/state/createTabSync';

const W1 = 'w1' as ScenarioId;
const W2 = 'w2' as ScenarioId;

function host(overrides: Partial<TabSyncHost> = {}): TabSyncHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    currentId: () => W1,
    knownVersion: () => 'v1',
    hasUnsavedChanges: () => false,
    reload: (id) => calls.push(`reload ${id}`),
    conflict: (id, updatedAt) => calls.push(`conflict ${id} ${updatedAt}`),
    otherSaved: (m) => calls.push(`saved ${m.workbookId}`),
    ...overrides,
  };
}

const syncs: TabSync[] = [];
afterEach(() => {
  for (const s of syncs.splice(0)) s.dispose();
});

describe('decideOnOtherSave', () => {
  const message = { type: 'saved', workbookId: W1, updatedAt: 'v2', tabId: 'other' } as const;
  it('reloads a clean tab, asks a tab with unsaved edits, ignores other workbooks and known versions', () => {
    const view = { currentId: W1, knownVersion: 'v1', hasUnsavedChanges: false };
    expect(decideOnOtherSave(message, view)).toBe('reload');
    expect(decideOnOtherSave(message, { ...view, hasUnsavedChanges: true })).toBe('conflict');
    expect(decideOnOtherSave(message, { ...view, currentId: W2 })).toBe('ignore');
    expect(decideOnOtherSave(message, { ...view, currentId: null })).toBe('ignore');
    expect(decideOnOtherSave(message, { ...view, knownVersion: 'v2', hasUnsavedChanges: true })).toBe(
      'ignore',
    );
  });
});

describe('readTabMessage', () => {
  it('accepts a saved message and rejects anything else', () => {
    const ok = { type: 'saved', workbookId: 'w', updatedAt: 't', tabId: 'x' };
    expect(readTabMessage(ok)).toEqual(ok);
    for (const bad of [null, 'saved', { ...ok, type: 'other' }, { ...ok, updatedAt: 1 }, { type: 'saved' }]) {
      expect(readTabMessage(bad)).toBeUndefined();
    }
  });
});

describe('createTabSync', () => {
  it('tells other tabs about a save over BroadcastChannel and ignores its own echo', async () => {
    const receiver = host();
    const sender = host();
    syncs.push(createTabSync({ host: receiver, tabId: 'B' }));
    const a = createTabSync({ host: sender, tabId: 'A' });
    syncs.push(a);
    expect(a.available).toBe(true);
    a.announce(W1, 'v2');
    await vi.waitFor(() => expect(receiver.calls).toEqual(['saved w1', 'reload w1']));
    expect(sender.calls).toEqual([]);
  });

  it('asks instead of reloading when the tab has unsaved changes', () => {
    let listener: ((event: { data: unknown }) => void) | undefined;
    const channel: TabChannel = {
      postMessage: () => {},
      addEventListener: (_type, l) => {
        listener = l;
      },
      close: () => {},
    };
    const h = host({ hasUnsavedChanges: () => true });
    syncs.push(createTabSync({ host: h, tabId: 'B', openChannel: () => channel }));
    listener?.({ data: { type: 'saved', workbookId: W1, updatedAt: 'v2', tabId: 'A' } });
    listener?.({ data: { type: 'saved', workbookId: W1, updatedAt: 'v3', tabId: 'B' } });
    listener?.({ data: { type: 'junk' } });
    expect(h.calls).toEqual(['saved w1', 'conflict w1 v2']);
  });

  it('is a no-op without BroadcastChannel', () => {
    const sync = createTabSync({ host: host(), openChannel: () => null });
    expect(sync.available).toBe(false);
    expect(() => sync.announce(W1, 'v2')).not.toThrow();
    sync.dispose();
  });
});
