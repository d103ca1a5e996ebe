/**
 * Prompt templates: a user's command text with placeholders for what the editor knows when the
 * command runs. `{{input}}` is what was typed after the command's name; `{{selection}}` the selected
 * text; `{{file}}` the file's workspace-relative path; `{{language}}` its VS Code language id.
 */

/** The values a template's placeholders stand for; empty strings when the editor has none. */
export interface PromptValues {
  /** The text typed after the command's name, trimmed. */
  input: string;
  /** The selected text of the active editor ('' without a selection). */
  selection: string;
  /** The active editor's workspace-relative path ('' without an editor). */
  file: string;
  /** The active editor's language id, e.g. `typescript` ('' without an editor). */
  language: string;
}

/** The placeholders a template may use, by name. */
export const PLACEHOLDERS: readonly (keyof PromptValues)[] = ['input', 'selection', 'file', 'language'];

const PLACEHOLDER = /\{\{\s*(input|selection|file|language)\s*\}\}/g;

/** Whether a template uses the placeholder `name`. */
export function usesPlaceholder(template: string, name: keyof PromptValues): boolean {
  for (const m of template.matchAll(PLACEHOLDER)) if (m[1] === name) return true;
  return false;
}

/**
 * Fills in a template. One pass: a value is never scanned for placeholders itself, so selected code
 * that contains `{{input}}` stays as it is. Unknown `{{…}}` are left alone (templates about
 * Handlebars or Jinja keep theirs). When the template has no `{{input}}` but something was typed,
 * the typed text goes after it, on its own paragraph, so nothing typed is dropped. Trailing white
 * space is dropped.
 */
export function expandTemplate(template: string, values: PromptValues): string {
  const input = values.input.trim();
  const out = template.replace(PLACEHOLDER, (_m, name: keyof PromptValues) =>
    name === 'input' ? input : values[name],
  );
  // Trailing white space (a file's last newline) would only pad the question.
  return input && !usesPlaceholder(template, 'input') ? `${out.trimEnd()}\n\n${input}` : out.trimEnd();
}
