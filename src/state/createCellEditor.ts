// The in-progress edit of the active cell, shared by the in-cell editor and the formula bar: start,
// type, click-to-reference, the references it outlines, and commit (parsed in the UI locale, checked,
// then written through the session) or cancel.
import { type Accessor, createMemo, createSignal } from 'solid-js';
import { MAX_COLS, MAX_ROWS } from '../core/address';
import type { RawCell, Sheet } from '../core/document';
import { type InputProblem, cellTextProblem, insertReference as insertReferenceInto } from '../core/edits';
import { extractReferences } from '../core/formula';
import type { CellRect, EditState, MoveDirection, RefHighlight, Selection } from '../core/grid';
import { formatForEdit, parseInput } from '../core/input';
import { type NotInListProblem, checkChoice } from '../core/validation';
import type { UiLocale } from '../i18n/strings';

export interface CellEditorOptions {
  selection: Accessor<Selection>;
  setSelection: (selection: Selection) => void;
  sheet: Accessor<Sheet>;
  raw: (row: number, col: number) => RawCell;
  locale: Accessor<UiLocale>;
  /** Write a committed value (only called when it differs from the cell's content). */
  write: (row: number, col: number, raw: RawCell) => void;
  /** The values a choice cell takes (its parameter's list), or null for any other cell. */
  choices: (row: number, col: number) => readonly string[] | null;
  /** Typed input that cannot be written; the editor stays open. */
  refuse: (problem: InputProblem) => void;
}

export function createCellEditor(options: CellEditorOptions) {
  const { selection, locale } = options;
  const [editing, setEditing] = createSignal<EditState | null>(null);
  /** Caret of the editor, for click-to-reference. */
  let caret: number | null = null;

  function startEdit(text?: string, focus: 'cell' | 'bar' = 'cell'): void {
    const { active } = selection();
    const current = editing();
    if (current && current.row === active.row && current.col === active.col) {
      setEditing({ ...current, focus });
      return;
    }
    const initial = text ?? formatForEdit(options.raw(active.row, active.col), locale());
    caret = initial.length;
    setEditing({
      row: active.row,
      col: active.col,
      text: initial,
      mode: text === undefined ? 'edit' : 'enter',
      focus,
    });
  }

  function updateEdit(text: string, newCaret?: number): void {
    const current = editing();
    if (!current) return;
    caret = newCaret ?? text.length;
    setEditing({ ...current, text });
  }

  function setCaret(position: number): void {
    caret = position;
  }

  function commitEdit(move: MoveDirection): void {
    const current = editing();
    if (!current) return;
    const parsed = parseInput(current.text, locale());
    // A document with an over-long cell would not load again, and a choice cell takes only its list:
    // keep the editor open and say why.
    const problem = cellTextProblem(parsed);
    const choice = checkChoice(options.choices(current.row, current.col), parsed);
    if (problem || !choice.ok) {
      options.refuse(problem ?? (choice as { problem: NotInListProblem }).problem);
      return;
    }
    const raw = choice.value;
    setEditing(null);
    if (raw !== options.raw(current.row, current.col)) options.write(current.row, current.col, raw);
    moveActive(move);
  }

  function commitEditIfAny(): void {
    if (editing()) commitEdit('none');
    // Leaving a cell whose entry was refused drops the entry (the refusal said it was not entered).
    setEditing(null);
  }

  function cancelEdit(): void {
    setEditing(null);
  }

  function moveActive(move: MoveDirection): void {
    if (move === 'none') return;
    const { active } = selection();
    const delta = { down: [1, 0], up: [-1, 0], right: [0, 1], left: [0, -1] }[move];
    const row = Math.max(0, Math.min(MAX_ROWS - 1, active.row + (delta[0] ?? 0)));
    const col = Math.max(0, Math.min(MAX_COLS - 1, active.col + (delta[1] ?? 0)));
    options.setSelection({ active: { row, col }, extent: { row, col } });
  }

  /** Click-to-reference: put `rect`'s address at the caret, replacing a reference just inserted. */
  function insertReference(rect: CellRect): void {
    const current = editing();
    if (!current) return;
    const inserted = insertReferenceInto(current.text, caret ?? current.text.length, rect);
    if (!inserted) return;
    caret = inserted.caret;
    setEditing({ ...current, text: inserted.text });
  }

  /** The references of the formula being edited that point into this sheet, each in its colour. */
  const highlights = createMemo<RefHighlight[]>(() => {
    const current = editing();
    if (!current?.text.startsWith('=')) return [];
    const sheetName = options.sheet().name.toLowerCase();
    return extractReferences(current.text)
      .map((ref, i) => ({ ref, colorIndex: i % 6 }))
      .filter(({ ref }) => !ref.sheet || ref.sheet.toLowerCase() === sheetName)
      .map(({ ref, colorIndex }) => ({
        row: ref.row,
        col: ref.col,
        rowEnd: ref.rowEnd,
        colEnd: ref.colEnd,
        colorIndex,
      }));
  });

  return {
    editing,
    highlights,
    startEdit,
    updateEdit,
    setCaret,
    commitEdit,
    commitEditIfAny,
    cancelEdit,
    insertReference,
  };
}
