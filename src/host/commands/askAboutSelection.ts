/**
 * Ask About Selection and its presets (Explain, Fix, Add Comments): a question about the selection,
 * answered in the chat and put into the editor where the settings say.
 */
import * as vscode from 'vscode';
import { type AnswerProblem, answerProblem, type ChatTurn, rememberRecent } from '../../core/chat';
import { buildSelectionPrompt, chooseInsertText, type Placement, type SelectionTask } from '../../core/editor';
import { expandTemplate, parseSlashLine, usesPlaceholder } from '../../core/prompts';
import { EditorContext } from '../context/editorContext';
import { displayName } from '../edit/applyEdit';
import { type InsertOutcome, insertAtAnchor, SelectionAnchor } from '../edit/editorInsertion';
import { StreamedReview } from '../edit/streamedReview';
import type { Commands, Services } from '../services';
import { type InsertMode, readInsertMode, readRequestSettings } from '../settings';
import { showErrorWithFixes } from '../setup/errorFixes';
import { answerProgress, ensureIdle } from './answering';

const RECENT_KEY = 'rill.recentQuestions';

/** What a selection command did, for tests and callers. */
export interface SelectionOutcome {
  turn?: ChatTurn;
  result: InsertOutcome | 'panel' | 'noEditor' | 'noSelection' | 'noQuestion' | 'busy' | 'failed' | 'stopped';
}

/** What happens to the finished answer, by command and `rill.insert.mode`. */
type Destination = Placement | 'copy' | 'panel';

/**
 * Ask About Selection inserts by `rill.insert.mode`; Fix, Add Comments and `/doc` give back the whole
 * selection rewritten, so they replace it (or ask, in `ask` mode); Explain and `/tests` (a test file,
 * which belongs elsewhere: its code block's New File button makes one) answer in the panel only.
 */
function destinationFor(task: SelectionTask, mode: InsertMode): Destination | 'ask' {
  if (task === 'explain' || task === 'tests') return 'panel';
  if (mode === 'ask') return 'ask';
  if (task === 'ask') return mode === 'replaceSelection' ? 'replace' : 'after';
  return 'replace';
}

async function askDestination(s: Services): Promise<Destination | undefined> {
  const t = vscode.l10n.t;
  const items: { label: string; value: Destination }[] = [
    { label: t('Insert Below the Selection'), value: 'after' },
    { label: t('Replace the Selection'), value: 'replace' },
    { label: t('Copy to the Clipboard'), value: 'copy' },
    { label: t('Show in the Chat Panel Only'), value: 'panel' },
  ];
  return (await s.ui.pick(items, { title: t('Where should the answer go?') }))?.value;
}

/** Asks what to do with an answer that did not end normally; resolves true to insert it anyway. */
async function confirmProblem(s: Services, problem: AnswerProblem, turn: ChatTurn, text: string): Promise<boolean> {
  const t = vscode.l10n.t;
  if (problem === 'stopped') return false;
  if (problem === 'failed') {
    // A setup problem comes with the command that fixes it.
    await showErrorWithFixes(
      s.ui,
      t('Rill could not answer: {0}', turn.error?.message ?? t('the answer ended early.')),
      turn.error?.kind,
    );
    return false;
  }
  if (problem === 'empty') {
    void s.ui.info(t('The answer was empty, so nothing was inserted.'));
    return false;
  }
  const anyway = t('Insert Anyway');
  const copyAction = t('Copy Answer');
  const why =
    problem === 'cutOff'
      ? t('The answer was cut off at the token limit, so it was not inserted.')
      : t("The answer was stopped by the provider's content filter, so it was not inserted.");
  const c = await s.ui.warn(why, {}, anyway, copyAction);
  if (c === copyAction) await vscode.env.clipboard.writeText(text);
  return c === anyway;
}

/**
 * Runs a selection command: captures the primary selection, asks (for `ask`), streams the answer
 * into the chat panel under a cancellable progress notification, then puts the answer where the
 * settings say, as one edit.
 */
export async function runSelectionTask(s: Services, asked: SelectionTask): Promise<SelectionOutcome> {
  let task = asked;
  const t = vscode.l10n.t;
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void s.ui.info(t('Open a file and select some code first.'));
    return { result: 'noEditor' };
  }
  if (editor.selection.isEmpty) {
    void s.ui.info(t('Select some code first, then ask about it.'));
    return { result: 'noSelection' };
  }
  if (!(await ensureIdle(s))) return { result: 'busy' };
  const anchor = new SelectionAnchor(editor);
  // Read now: the selection may move while the question is being typed.
  const selection = EditorContext.selectionAttachment(editor.document, editor.selection);
  let answer: ChatTurn | undefined;
  let stream: StreamedReview | undefined;
  let unsubscribe: (() => void) | undefined;
  try {
    let question = '';
    let inlined: boolean | undefined;
    if (task === 'ask') {
      const recent = s.context.globalState.get<string[]>(RECENT_KEY, []);
      question =
        (await s.ui.pickOrType({
          title: t('Ask Rill about the selection'),
          placeholder: t('Type a question or /command, or pick a recent question or a command'),
          load: async () => {
            await s.controller.prompts.refresh();
            return { items: [...recent.map((label) => ({ label })), ...promptItems(s)] };
          },
          typedLabel: (v) => v,
        })) ?? '';
      if (!question.trim()) return { result: 'noQuestion' };
      await s.context.globalState.update(RECENT_KEY, rememberRecent(recent, question));
      ({ task, question, inlined } = resolveCommand(s, question, anchor));
    }
    const prompt = buildSelectionPrompt(
      task,
      question,
      { code: anchor.code, languageId: anchor.languageId, fileName: displayName(anchor.uri) },
      readRequestSettings().systemPrompt,
    );
    await s.view.reveal(true);
    let destination = destinationFor(task, readInsertMode());
    stream = streamsIntoReview(task, destination) ? startStream(s, anchor) : undefined;
    if (stream) {
      const into = stream;
      unsubscribe = s.session.onEvent((e) => {
        const id = e.type === 'delta' ? e.turnId : e.type === 'turnUpdated' ? e.turn.id : undefined;
        const turn = id === undefined ? undefined : s.session.chat.turns.at(-1);
        if (turn && turn.id === id) into.push(turn.text);
      });
    }
    const turn = await answerProgress(s, t('Rill is answering about {0}', displayName(anchor.uri)), () =>
      // The panel shows the question as asked, with the selection as a chip; the model gets the same
      // selection in its delimited block, and none of the panel's earlier turns: a command about a
      // selection has nothing to do with them (they cost tokens and mix unrelated talk into a fix).
      s.session.ask(prompt.question, {
        task,
        alone: true,
        systemPrompt: prompt.systemPrompt,
        attachments: inlined ? [] : [selection],
      }),
    );
    answer = turn;
    unsubscribe?.();
    if (destination === 'panel') return { turn, result: 'panel' };
    const { text } = chooseInsertText(turn.text, anchor.languageId);
    const problem = answerProblem(turn);
    if (problem && !(await confirmProblem(s, problem, turn, text))) {
      // A diff that opened while the answer streamed stays, marked incomplete; nothing is written.
      await stream?.end('partial');
      return { turn, result: problem === 'stopped' ? 'stopped' : problem === 'failed' ? 'failed' : 'cancelled' };
    }
    const streamed = await stream?.end({ code: text });
    if (streamed?.pending) return { turn, result: 'review' };
    // The user rejected the streaming diff (closing the document instead is handled as before, below).
    if (streamed && anchor.shownInTab()) return { turn, result: 'cancelled' };
    if (destination === 'ask') destination = (await askDestination(s)) ?? 'panel';
    if (destination === 'panel') return { turn, result: 'panel' };
    if (destination === 'copy') {
      await vscode.env.clipboard.writeText(text);
      return { turn, result: 'copied' };
    }
    return { turn, result: await insertAtAnchor(anchor, text, destination, s.ui, s.reviews) };
  } finally {
    unsubscribe?.();
    // Thrown before the end (a setup error): a streaming diff is left incomplete, never acceptable.
    await stream?.end('partial');
    // The answer's code blocks can be applied from the panel later, to this range as it is then.
    if (answer) s.askedRanges.remember(answer.id, anchor);
    else anchor.dispose();
  }
}

/**
 * Whether the answer streams into its review diff: the commands that give the selection back
 * rewritten (Fix, Add Comments, `/doc`) when they replace it without asking first.
 */
function streamsIntoReview(task: SelectionTask, destination: Destination | 'ask'): boolean {
  return destination === 'replace' && task !== 'ask';
}

/** A review fed while the answer streams, for the anchored selection, when it would be reviewed at all. */
function startStream(s: Services, anchor: SelectionAnchor): StreamedReview | undefined {
  const doc = anchor.openDocument();
  if (!doc) return undefined;
  return StreamedReview.start(s.reviews, { doc, range: () => anchor.range(doc), languageId: anchor.languageId });
}

/** The `/` commands that work on a selection, as items of Ask About Selection's question box. */
function promptItems(s: Services): { label: string; description: string }[] {
  return s.controller.prompts
    .list()
    .filter((c) => c.source !== 'builtin' || (c.name !== 'new' && c.name !== 'clear'))
    .map((c) => ({ label: `/${c.name}`, description: c.description }));
}

/**
 * A question that names a `/` command, as the task to run and the question to ask: a built-in runs
 * its preset with the typed text added; a user's command asks its template, expanded with the typed
 * text and the selection. Anything else is asked as typed.
 */
function resolveCommand(
  s: Services,
  typed: string,
  anchor: SelectionAnchor,
): { task: SelectionTask; question: string; inlined?: boolean } {
  const line = parseSlashLine(typed);
  const command = line && s.controller.prompts.find(line.name);
  if (!line || !command) return { task: 'ask', question: typed };
  if (command.source !== 'builtin') {
    const values = {
      input: line.input,
      selection: anchor.code,
      file: displayName(anchor.uri),
      language: anchor.languageId,
    };
    // The selection placed in the text by the template does not go a second time as its chip.
    const inlined = usesPlaceholder(command.template, 'selection');
    return { task: 'ask', question: expandTemplate(command.template, values), inlined };
  }
  if (command.name === 'new' || command.name === 'clear') return { task: 'ask', question: typed };
  return { task: command.name, question: line.input };
}

/** Registers Ask About Selection and its presets: Explain, Fix, Add Comments. */
export function selectionCommands(s: Services): Commands {
  return {
    'rill.askAboutSelection': () => runSelectionTask(s, 'ask'),
    'rill.explainSelection': () => runSelectionTask(s, 'explain'),
    'rill.fixSelection': () => runSelectionTask(s, 'fix'),
    'rill.addComments': () => runSelectionTask(s, 'comment'),
  };
}
