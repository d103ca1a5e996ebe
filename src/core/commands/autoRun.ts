/**
 * The `rill.autoRunCommands` rule: which commands the model may run without the user's Run. A
 * listed entry matches the command exactly, or as a prefix that ends on a word boundary; and never
 * a command that chains or redirects (`;`, `&&`, `|`, `>`, backticks, `$(`, a new line…), since an
 * allowed `npm test` must not carry `; rm -rf ~` along with it.
 */

/** Shell control operators and substitutions: a command holding one never runs without asking. */
const CONTROL = /[;&|<>`\r\n]|\$\(|\$\{/;

/** Whether `command` chains, pipes, redirects or substitutes (see {@link autoRunMatches}). */
export function hasControlOperator(command: string): boolean {
  return CONTROL.test(command);
}

/** Runs of whitespace as one space, ends trimmed: `npm  test` is `npm test`. */
function normalise(command: string): string {
  return command.trim().replace(/[ \t]+/g, ' ');
}

/**
 * Whether `command` may run without asking under `allowed` (the user's list). An entry matches
 * when it equals the command, or when the command starts with it followed by a space (`npm test`
 * matches `npm test -- --grep x`, not `npm testx`). Never when the command holds a control
 * operator, nor for an empty or blank entry.
 */
export function autoRunMatches(command: string, allowed: readonly string[]): boolean {
  if (hasControlOperator(command)) return false;
  const c = normalise(command);
  if (!c) return false;
  return allowed.some((entry) => {
    const e = typeof entry === 'string' ? normalise(entry) : '';
    return e !== '' && (c === e || c.startsWith(`${e} `));
  });
}
