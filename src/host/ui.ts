/**
 * The prompts Rill shows (messages, pick lists, input boxes) behind one interface, so the
 * integration tests can answer them.
 */
import * as vscode from 'vscode';

/** An item of a pick list. */
export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
}

/** A list the user picks from or types a new value into (recent questions, model names). */
export interface FreeTextPick {
  title: string;
  placeholder: string;
  /** Loads the items; `refresh` is true when the user pressed the refresh button. */
  load(refresh: boolean): Promise<{ items: PickItem[]; error?: string }>;
  /** Shows a refresh button that calls `load(true)`. */
  refreshable?: boolean;
  /** Label of the item that stands for what the user typed, e.g. `Use "{0}"`. */
  typedLabel(value: string): string;
}

/**
 * Every prompt and message the editor commands show. The commands talk to this port, not to
 * `vscode.window`, so the integration tests can answer prompts while everything else (editors,
 * edits, undo, secrets, settings, the chat panel) stays real.
 */
export interface Ui {
  /** A pick list that also takes typed text; resolves with the chosen or typed value. */
  pickOrType(p: FreeTextPick): Promise<string | undefined>;
  pick<T extends PickItem>(items: T[], options: { title: string; placeholder?: string }): Promise<T | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A warning; `modal` for decisions that must not be missed (sending a key elsewhere). */
  warn(
    message: string,
    options: { modal?: boolean; detail?: string },
    ...actions: string[]
  ): Promise<string | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Runs `task` under a cancellable notification; `report` updates its text. */
  progress<T>(
    title: string,
    task: (report: (message: string) => void, token: vscode.CancellationToken) => Promise<T>,
  ): Promise<T>;
}

/** The real prompts. */
export const vscodeUi: Ui = {
  pickOrType(p) {
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<PickItem & { typed?: boolean }>();
      qp.title = p.title;
      qp.placeholder = p.placeholder;
      qp.ignoreFocusOut = true;
      qp.matchOnDescription = true;
      let loaded: PickItem[] = [];
      const show = () => {
        const typed = qp.value.trim();
        const exact = loaded.some((i) => i.label === typed);
        qp.items =
          typed && !exact
            ? [
                { label: p.typedLabel(typed), typed: true, alwaysShow: true } as PickItem & { typed: boolean },
                ...loaded,
              ]
            : loaded;
      };
      const load = async (refresh: boolean) => {
        qp.busy = true;
        const r = await p.load(refresh);
        loaded = r.items;
        if (r.error) qp.placeholder = r.error;
        qp.busy = false;
        show();
      };
      if (p.refreshable)
        qp.buttons = [{ iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Refresh') }];
      let done = false;
      const finish = (v: string | undefined) => {
        if (done) return;
        done = true;
        resolve(v);
        qp.dispose();
      };
      qp.onDidChangeValue(show);
      qp.onDidTriggerButton(() => void load(true));
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        finish(item ? (item.typed ? qp.value.trim() : item.label) : qp.value.trim() || undefined);
      });
      qp.onDidHide(() => finish(undefined));
      qp.show();
      void load(false);
    });
  },
  pick: (items, options) =>
    Promise.resolve(
      vscode.window.showQuickPick(items, {
        title: options.title,
        placeHolder: options.placeholder,
        ignoreFocusOut: true,
      }),
    ),
  input: (options) => Promise.resolve(vscode.window.showInputBox({ ignoreFocusOut: true, ...options })),
  warn: (message, options, ...actions) =>
    Promise.resolve(
      vscode.window.showWarningMessage(message, { modal: options.modal, detail: options.detail }, ...actions),
    ),
  info: (message, ...actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions)),
  error: (message, ...actions) => Promise.resolve(vscode.window.showErrorMessage(message, ...actions)),
  progress: (title, task) =>
    Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (progress, token) => task((message) => progress.report({ message }), token),
      ),
    ),
};
