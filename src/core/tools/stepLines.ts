/**
 * The words of a tool step's one line ("Read src/a.ts, lines 1-120", "Searched `retryDelay`: 12
 * results in 4 files", "Refused .env: secret file") as structured data: a key of
 * {@link STEP_TEXT}, the one catalogue of these messages in English, and its arguments. Core stays
 * free of any translation machinery: the CLI writes them in English with {@link stepText}; the
 * extension passes each template to its localisation (the templates are the translation keys).
 */

/** Every step message, English, `{0}`-style placeholders. A count comes as a nested line, so each language words its plural. */
export const STEP_TEXT = {
  reading: 'Reading {0}',
  readingLines: 'Reading {0}, lines {1}-{2}',
  readingFrom: 'Reading {0} from line {1}',
  read: 'Read {0}, lines {1}-{2}',
  readEmpty: 'Read {0}: empty',
  readPastEnd: 'Read {0}: past the end',
  listing: 'Listing {0}',
  listed: 'Listed {0}: {1}',
  finding: 'Finding {0}',
  found: 'Found {0} for {1}',
  searching: 'Searching `{0}`',
  searchingIn: 'Searching `{0}` in {1}',
  searched: 'Searched `{0}`: {1} in {2}',
  checkingAll: 'Checking problems',
  checking: 'Checking problems in {0}',
  checkedAll: 'Checked the workspace: {0}',
  checked: 'Checked {0}: {1}',
  findingDefinition: 'Finding the definition of `{0}`',
  findingDefinitionIn: 'Finding the definition of `{0}` in {1}',
  definitions: 'Definition of `{0}`: {1} in {2}',
  findingReferences: 'Finding references to `{0}`',
  findingReferencesIn: 'Finding references to `{0}` in {1}',
  references: 'References of `{0}`: {1} in {2}',
  proposingEdit: 'Proposing an edit to {0}',
  proposedEdit: 'Proposed an edit to {0} (+{1} \u2212{2})',
  editNotUnique: 'Edit of {0}: old_text not unique',
  editNotFound: 'Edit of {0}: old_text not found',
  proposingFile: 'Proposing a new file {0}',
  proposedFile: 'Proposed a new file {0} (+{1})',
  fileExists: 'Refused {0}: exists',
  runAsk: 'Run {0}?',
  runAskIn: 'Run {0} in {1}?',
  running: 'Running {0}',
  runningIn: 'Running {0} in {1}',
  ran: 'Ran {0}: exit {1}',
  ranIn: 'Ran {0} in {1}: exit {2}',
  ranTimedOut: '{0} timed out after {1} s',
  ranStopped: 'Stopped {0}',
  runSkipped: 'Skipped {0}',
  runStoppedBefore: 'Stopped: {0} not run',
  unknownTool: 'Unknown tool {0}',
  invalidArguments: '{0}: invalid arguments',
  failed: '{0} failed',
  notRun: '{0}: not run',
  refusedSecret: 'Refused {0}: secret file',
  refusedOutside: 'Refused {0}: outside the workspace',
  refusedExcluded: 'Refused {0}: excluded file',
  refusedTooLarge: 'Refused {0}: file too large',
  refusedBinary: 'Refused {0}: binary file',
  refusedUnreadable: 'Refused {0}: cannot be read',
  refusedNotFound: 'Refused {0}: not found',
  refusedNotAFile: 'Refused {0}: a folder, not a file',
  refusedNotAFolder: 'Refused {0}: not a folder',
  refusedInvalid: 'Refused {0}: invalid request',
  refusedUnavailable: 'Refused {0}: not available here',
  refusedCancelled: 'Stopped {0}: cancelled',
  result1: '1 result',
  results: '{0} results',
  resultsOver: 'over {0} results',
  file1: '1 file',
  files: '{0} files',
  filesOver: 'over {0} files',
  entry1: '1 entry',
  entries: '{0} entries',
  problem1: '1 problem',
  problems: '{0} problems',
  problemsOver: 'over {0} problems',
  location1: '1 location',
  locations: '{0} locations',
  locationsOver: 'over {0} locations',
} as const;

/** A key of {@link STEP_TEXT}. */
export type StepKey = keyof typeof STEP_TEXT;

/**
 * One step line: a message and its arguments (paths, queries and numbers are shown as they are;
 * a nested line, such as a count, is worded first). A bare string is a name shown as it is.
 */
export type StepLine = string | { key: StepKey; args?: readonly StepArg[] };
/** An argument of a {@link StepLine}. */
export type StepArg = string | number | StepLine;

/** Turns a template and its worded arguments into text: the extension passes its localisation here. */
export type StepWording = (template: string, args: readonly string[]) => string;

/** Fills `{0}`, `{1}`… of `template`. */
export function fillTemplate(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}

/** The line as words, nested lines first: in English by default, or through `wording`. */
export function stepText(line: StepLine, wording: StepWording = fillTemplate): string {
  if (typeof line === 'string') return line;
  const args = (line.args ?? []).map((a) =>
    typeof a === 'number' ? String(a) : typeof a === 'string' ? a : stepText(a, wording),
  );
  return wording(STEP_TEXT[line.key], args);
}

/** A line of `key` with `args`. */
export function stepLine(key: StepKey, ...args: StepArg[]): StepLine {
  return args.length ? { key, args } : { key };
}

/** The count nouns, each with its one / many / "over" (a cut list) keys. */
const COUNTS = {
  result: ['result1', 'results', 'resultsOver'],
  file: ['file1', 'files', 'filesOver'],
  entry: ['entry1', 'entries', 'entries'],
  problem: ['problem1', 'problems', 'problemsOver'],
  location: ['location1', 'locations', 'locationsOver'],
} as const satisfies Record<string, readonly [StepKey, StepKey, StepKey]>;

/** "1 result", "12 results", "over 50 results" (`over`: the list was cut). */
export function countLine(n: number, noun: keyof typeof COUNTS, over = false): StepLine {
  const [one, many, cut] = COUNTS[noun];
  if (over) return stepLine(cut, n);
  return n === 1 ? stepLine(one) : stepLine(many, n);
}

/** Most characters of the command in a step line. */
const SHOWN_MAX = 60;

/** The command as a step line shows it: its first line, shortened, in backticks. */
export function shownCommand(command: string): string {
  const first = command.trim().split('\n')[0] ?? '';
  const more = first.length > SHOWN_MAX || command.trim().includes('\n');
  return `\`${first.slice(0, SHOWN_MAX)}${more ? '…' : ''}\``;
}
