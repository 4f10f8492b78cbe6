// Undo and redo over named commands: each entry keeps the command and its inverse.
import type { Command } from './commands';

export interface HistoryEntry<Context = unknown> {
  /** What the user did, e.g. "edit", "paste", "rename-sheet": shown as "Undo paste". */
  label: string;
  command: Command;
  inverse: Command;
  /** Where the user was (e.g. the selection), restored on undo and redo. */
  context?: Context;
}

export interface History<Context = unknown> {
  readonly undo: readonly HistoryEntry<Context>[];
  readonly redo: readonly HistoryEntry<Context>[];
}

/** Entries kept before the oldest is forgotten. */
export const HISTORY_LIMIT = 500;

export function emptyHistory<Context>(): History<Context> {
  return { undo: [], redo: [] };
}

/** Record a new entry: it clears the redo stack, as in every editor. */
export function record<C>(history: History<C>, entry: HistoryEntry<C>): History<C> {
  const undo = [...history.undo, entry];
  if (undo.length > HISTORY_LIMIT) undo.splice(0, undo.length - HISTORY_LIMIT);
  return { undo, redo: [] };
}

/** Take the entry to undo; the caller applies `entry.inverse`. */
export function takeUndo<C>(history: History<C>): { entry: HistoryEntry<C>; history: History<C> } | null {
  const entry = history.undo.at(-1);
  if (!entry) return null;
  return { entry, history: { undo: history.undo.slice(0, -1), redo: [...history.redo, entry] } };
}

/** Take the entry to redo; the caller applies `entry.command`. */
export function takeRedo<C>(history: History<C>): { entry: HistoryEntry<C>; history: History<C> } | null {
  const entry = history.redo.at(-1);
  if (!entry) return null;
  return { entry, history: { undo: [...history.undo, entry], redo: history.redo.slice(0, -1) } };
}
