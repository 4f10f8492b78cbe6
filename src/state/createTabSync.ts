// Tabs of Bana tell each other when they save a workbook (BroadcastChannel 'bana'), so a tab with the
// same workbook open reloads it when it has nothing unsaved, or asks which version to keep when it has.
import type { ScenarioId } from '../core/document';

/** The channel's name. Every tab of every Bana version uses it: keep the message shape compatible. */
export const TAB_CHANNEL = 'bana';

/** Sent after each successful save. */
export interface TabSavedMessage {
  type: 'saved';
  workbookId: ScenarioId;
  /** The saved document's `meta.updatedAt`: the version now stored. */
  updatedAt: string;
  /** The sending tab, so a tab ignores its own echo. */
  tabId: string;
}

/** The part of BroadcastChannel this module uses (tests pass their own). */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** What the app tells tab sync about itself, read when another tab's message arrives. */
export interface TabSyncHost {
  /** The open workbook's id, or null. */
  currentId(): ScenarioId | null;
  /** The stored version this tab last loaded or saved for a workbook (its `meta.updatedAt`). */
  knownVersion(id: ScenarioId): string | undefined;
  /** True while this tab has edits of the workbook not yet written (pending, saving, failed, typing). */
  hasUnsavedChanges(id: ScenarioId): boolean;
  /** Replace the open session by the stored version (nothing is unsaved). */
  reload(id: ScenarioId): void;
  /** Ask the planner which version to keep: another tab saved `updatedAt` while this one has edits. */
  conflict(id: ScenarioId, updatedAt: string): void;
  /** Any other tab saved any workbook (the list may have changed). */
  otherSaved(message: TabSavedMessage): void;
}

export interface TabSyncOptions {
  host: TabSyncHost;
  /** Opens the channel; default `new BroadcastChannel('bana')`, or null where there is none. */
  openChannel?: () => TabChannel | null;
  /** This tab's id; default a random UUID. */
  tabId?: string;
}

export interface TabSync {
  readonly tabId: string;
  /** False without BroadcastChannel: the save-time check in storage is then the only guard. */
  readonly available: boolean;
  /** Tell other tabs this tab saved `updatedAt` of `workbookId`. */
  announce(workbookId: ScenarioId, updatedAt: string): void;
  dispose(): void;
}

export type TabSyncDecision = 'ignore' | 'reload' | 'conflict';

/** What this tab does about another tab's save. Pure: the whole policy in one place. */
export function decideOnOtherSave(
  message: TabSavedMessage,
  view: { currentId: ScenarioId | null; knownVersion: string | undefined; hasUnsavedChanges: boolean },
): TabSyncDecision {
  if (message.workbookId !== view.currentId) return 'ignore';
  // Already the version this tab has (its own save echoed, or a reload that already happened).
  if (message.updatedAt === view.knownVersion) return 'ignore';
  return view.hasUnsavedChanges ? 'conflict' : 'reload';
}

/** A message from another tab, or undefined when it is not one this version understands. */
export function readTabMessage(data: unknown): TabSavedMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.type !== 'saved') return undefined;
  if (typeof m.workbookId !== 'string' || typeof m.updatedAt !== 'string' || typeof m.tabId !== 'string') {
    return undefined;
  }
  return { type: 'saved', workbookId: m.workbookId as ScenarioId, updatedAt: m.updatedAt, tabId: m.tabId };
}

function defaultChannel(): TabChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  try {
    return new BroadcastChannel(TAB_CHANNEL) as unknown as TabChannel;
  } catch {
    return null;
  }
}

function randomTabId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Start listening to other tabs. Without BroadcastChannel everything is a no-op.
 * @example
 * const sync = createTabSync({ host });
 * // after a successful save:
 * sync.announce(doc.id, doc.meta.updatedAt);
 */
export function createTabSync(options: TabSyncOptions): TabSync {
  const tabId = options.tabId ?? randomTabId();
  const channel = (options.openChannel ?? defaultChannel)();
  const { host } = options;
  let disposed = false;

  channel?.addEventListener('message', (event) => {
    if (disposed) return;
    const message = readTabMessage(event.data);
    if (message === undefined || message.tabId === tabId) return;
    host.otherSaved(message);
    const id = message.workbookId;
    const decision = decideOnOtherSave(message, {
      currentId: host.currentId(),
      knownVersion: host.knownVersion(id),
      hasUnsavedChanges: host.hasUnsavedChanges(id),
    });
    if (decision === 'reload') host.reload(id);
    else if (decision === 'conflict') host.conflict(id, message.updatedAt);
  });

  return {
    tabId,
    available: channel !== null,
    announce(workbookId, updatedAt) {
      if (disposed || channel === null) return;
      const message: TabSavedMessage = { type: 'saved', workbookId, updatedAt, tabId };
      try {
        channel.postMessage(message);
      } catch {
        // A closed channel (the page is going away): the save itself is done, only the news is lost.
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      channel?.close();
    },
  };
}
