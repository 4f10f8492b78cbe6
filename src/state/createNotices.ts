// The banners the planner must see (storage failures, engine restarts, other tabs' saves, messages):
// one list, at most one banner per kind. Every other factory reports through notify().
import { type Accessor, createSignal } from 'solid-js';
import type { ScenarioId } from '../core/document';
import type { StorageFailure } from '../storage/db';

export type Notice =
  | { id: number; kind: 'storage'; failure: StorageFailure }
  | { id: number; kind: 'engine-restarted' }
  /** A long calculation was cancelled: its edit was undone and waits on the redo stack. */
  | { id: number; kind: 'calculation-cancelled' }
  | { id: number; kind: 'engine-failed'; message: string }
  | { id: number; kind: 'version-change' }
  /** Another tab saved the open workbook while this one has unsaved edits: keep mine or load theirs. */
  | { id: number; kind: 'tab-conflict'; workbookId: ScenarioId; theirs: string }
  /** The open workbook was replaced by the version another tab saved (this tab had nothing unsaved). */
  | { id: number; kind: 'tab-updated' }
  /** The browser deleted Bana's database; the open workbook is only in this tab until the next save. */
  | { id: number; kind: 'storage-cleared' }
  | { id: number; kind: 'message'; text: string; tone: 'info' | 'error' };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NoticeInput = DistributiveOmit<Notice, 'id'>;

export interface Notices {
  list: Accessor<Notice[]>;
  /** Show a banner; a new one replaces the shown one of the same kind. */
  notify(notice: NoticeInput): void;
  dismiss(id: number): void;
  /** Remove every banner that `matches`. */
  clear(matches: (notice: Notice) => boolean): void;
}

export function createNotices(): Notices {
  const [list, setList] = createSignal<Notice[]>([]);
  let lastId = 0;
  return {
    list,
    notify(notice) {
      lastId++;
      const full = { ...notice, id: lastId } as Notice;
      setList((shown) => [...shown.filter((n) => n.kind !== full.kind), full]);
    },
    dismiss(id) {
      setList((shown) => shown.filter((n) => n.id !== id));
    },
    clear(matches) {
      setList((shown) => shown.filter((n) => !matches(n)));
    },
  };
}
