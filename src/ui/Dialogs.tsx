// Modal confirm and prompt dialogs on the native <dialog> element (focus trap and Esc for free);
// when one closes, focus goes back where it was, or to the grid when that place is gone.
import { type Accessor, type JSX, Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { restoreFocus } from './focusRegions';
import { useI18n } from './i18nContext';

export type DialogRequest =
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; resolve: (ok: boolean) => void }
  | {
      kind: 'prompt';
      title: string;
      label: string;
      initial: string;
      confirmLabel: string;
      /** A reason the value is not acceptable, or null. */
      validate: (value: string) => string | null;
      resolve: (value: string | null) => void;
    };

/** A dialog host plus promise-returning confirm() and prompt(). */
export function createDialogs() {
  const [request, setRequest] = createSignal<DialogRequest | null>(null);
  return {
    request,
    close: () => setRequest(null),
    confirm(title: string, message: string, confirmLabel: string): Promise<boolean> {
      return new Promise((resolve) => setRequest({ kind: 'confirm', title, message, confirmLabel, resolve }));
    },
    prompt(
      title: string,
      label: string,
      initial: string,
      confirmLabel: string,
      validate: (value: string) => string | null = () => null,
    ): Promise<string | null> {
      return new Promise((resolve) =>
        setRequest({ kind: 'prompt', title, label, initial, confirmLabel, validate, resolve }),
      );
    },
  };
}

export function DialogHost(props: { request: Accessor<DialogRequest | null>; onClose: () => void }) {
  const { t } = useI18n();
  let dialog: HTMLDialogElement | undefined;
  let input: HTMLInputElement | undefined;
  const [value, setValue] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  let returnFocus: HTMLElement | null = null;

  createEffect(() => {
    const req = props.request();
    if (!dialog) return;
    if (req) {
      returnFocus = document.activeElement as HTMLElement | null;
      setValue(req.kind === 'prompt' ? req.initial : '');
      setProblem(null);
      if (!dialog.open) dialog.showModal();
      queueMicrotask(() => {
        if (req.kind === 'prompt') {
          input?.focus();
          input?.select();
        }
      });
    } else if (dialog.open) {
      dialog.close();
    }
  });

  function finish(confirmed: boolean): void {
    const req = props.request();
    if (!req) return;
    if (req.kind === 'confirm') req.resolve(confirmed);
    else {
      if (confirmed) {
        const reason = req.validate(value());
        if (reason) {
          setProblem(reason);
          input?.focus();
          return;
        }
      }
      req.resolve(confirmed ? value() : null);
    }
    props.onClose();
    restoreFocus(returnFocus);
  }

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        finish(false);
      }}
    >
      <Show when={props.request()}>
        {(req) => (
          <form
            method="dialog"
            onSubmit={(e) => {
              e.preventDefault();
              finish(true);
            }}
          >
            <h2 id="dialog-title">{req().title}</h2>
            <Show when={req().kind === 'confirm'}>
              <p>{(req() as Extract<DialogRequest, { kind: 'confirm' }>).message}</p>
            </Show>
            <Show when={req().kind === 'prompt'}>
              <label class="dialog-field">
                <span>{(req() as Extract<DialogRequest, { kind: 'prompt' }>).label}</span>
                <input
                  ref={input}
                  type="text"
                  value={value()}
                  aria-invalid={problem() ? 'true' : undefined}
                  aria-describedby={problem() ? 'dialog-problem' : undefined}
                  onInput={(e) => {
                    setValue(e.currentTarget.value);
                    setProblem(null);
                  }}
                />
              </label>
              <Show when={problem()}>
                <p id="dialog-problem" class="dialog-problem" role="alert">
                  {problem()}
                </p>
              </Show>
            </Show>
            <div class="dialog-buttons">
              <button type="button" onClick={() => finish(false)}>
                {t('cancel')}
              </button>
              <button type="submit" class="primary">
                {req().confirmLabel}
              </button>
            </div>
          </form>
        )}
      </Show>
    </dialog>
  );
}

/** A modal <dialog> that opens when mounted; Esc (the native cancel) calls onClose. */
export function ModalDialog(props: {
  titleId: string;
  class?: string;
  onClose: () => void;
  children: JSX.Element;
}) {
  let dialog: HTMLDialogElement | undefined;
  let opener: Element | null = null;
  onMount(() => {
    opener = document.activeElement;
    dialog?.showModal();
  });
  onCleanup(() => restoreFocus(opener));
  return (
    <dialog
      ref={dialog}
      class={`dialog wide ${props.class ?? ''}`}
      aria-labelledby={props.titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}
