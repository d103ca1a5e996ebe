/**
 * Prompts for the editor commands: the question, the selected code, its language and file name,
 * and a system prompt that asks for code in one fenced block when code is wanted, so the answer
 * can be inserted back into the file.
 */

import { fenceFor } from '../base';

/**
 * The editor commands that send a selection (or, from the panel's `/` commands, the active file).
 * `ask` takes the user's question; the others are presets. A chat turn's task is one of these or
 * `chat` (see `TurnTask` in the chat room).
 */
export const SELECTION_TASKS = ['ask', 'explain', 'fix', 'comment', 'tests', 'doc'] as const;

/** One of {@link SELECTION_TASKS}. */
export type SelectionTask = (typeof SELECTION_TASKS)[number];

/** What the editor knows about the selection. */
export interface SelectionContext {
  /** The selected text, as in the document. */
  code: string;
  /** VS Code language id, e.g. `typescript`, `python`, `plaintext`. */
  languageId: string;
  /** File name shown to the model (workspace-relative path, or `Untitled-1`). */
  fileName: string;
}

/** A prompt ready for `ChatSession.ask`. */
export interface SelectionPrompt {
  systemPrompt: string;
  /** The question alone, as the user asked it (or the preset's); the selection goes as an attachment. */
  question: string;
  userMessage: string;
}

/** The question each preset asks (the `ask` task uses the user's). */
export const PRESET_QUESTIONS: Record<Exclude<SelectionTask, 'ask'>, string> = {
  explain: 'Explain what this code does.',
  fix: 'Find and fix the bugs in this code.',
  comment: 'Add comments to this code.',
  tests: 'Write unit tests for this code.',
  doc: 'Write documentation comments for this code.',
};

const BASE =
  'You are a programming assistant inside a code editor. The user asks about code from a file ' +
  '(the selected part, or the whole file), which follows the question.';

const TASK_RULES: Record<SelectionTask, string> = {
  ask:
    'If the question asks for code (new code, a change, a rewrite), reply with exactly one fenced code block ' +
    'tagged with the language, holding the complete code that should go into the file, and keep any explanation ' +
    'short and outside the block. If it asks for an explanation, answer in prose.',
  explain: 'Explain the code clearly and briefly in prose. Quote code only where it helps.',
  fix:
    'Reply with exactly one fenced code block tagged with the language, holding the whole selected code with the bugs ' +
    'fixed and nothing else changed, then at most three short bullet points saying what you changed.',
  comment:
    'Reply with exactly one fenced code block tagged with the language, holding the whole selected code with concise ' +
    "comments added in the language's comment syntax. Do not change the code itself.",
  tests:
    'Reply with exactly one fenced code block tagged with the language, holding a complete test file for the code: ' +
    'use the test framework the code or its project already uses, else the most common one for the language. ' +
    'Then at most three short bullet points saying what the tests cover.',
  doc:
    'Reply with exactly one fenced code block tagged with the language, holding the whole selected code with ' +
    "documentation comments in the language's usual style (JSDoc, docstrings, XML doc comments, …) added to its " +
    'functions, classes and other declarations. Do not change the code itself.',
};

/** The tag for a fenced block: the language id, unless it says nothing about the language. */
function fenceLanguage(languageId: string): string {
  return languageId === 'plaintext' ? '' : languageId;
}

/**
 * The question a task asks: the user's for `ask`; for a preset, the preset's, followed by what the
 * user typed with it (`/explain why the loop ends early`), so a typed argument is never dropped.
 */
export function selectionQuestion(task: SelectionTask, typed: string): string {
  if (task === 'ask') return typed.trim();
  return [PRESET_QUESTIONS[task], typed.trim()].filter(Boolean).join('\n\n');
}

/**
 * The system prompt of a task: the editor's rules for it, then `userSystemPrompt` (the
 * `rill.systemPrompt` setting), so a user's standing instructions still apply.
 */
export function selectionSystemPrompt(task: SelectionTask, userSystemPrompt = ''): string {
  return [BASE, TASK_RULES[task], userSystemPrompt.trim()].filter(Boolean).join('\n\n');
}

/**
 * Builds the prompt for a selection (see {@link selectionQuestion} and {@link selectionSystemPrompt}).
 */
export function buildSelectionPrompt(
  task: SelectionTask,
  question: string,
  ctx: SelectionContext,
  userSystemPrompt = '',
): SelectionPrompt {
  const asked = selectionQuestion(task, question);
  const lang = fenceLanguage(ctx.languageId);
  const fence = fenceFor(ctx.code);
  const systemPrompt = selectionSystemPrompt(task, userSystemPrompt);
  const about = lang ? `${ctx.fileName} (${ctx.languageId})` : ctx.fileName;
  const code = ctx.code.endsWith('\n') ? ctx.code : `${ctx.code}\n`;
  const userMessage = `${asked}\n\nSelected code from ${about}:\n\n${fence}${lang}\n${code}${fence}`;
  return { systemPrompt, question: asked, userMessage };
}
