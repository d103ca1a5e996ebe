import * as assert from 'node:assert';
import {
  BUILTIN_COMMANDS,
  choosePromptFiles,
  collectCommands,
  commandFromFile,
  commandsFromSetting,
  findCommand,
  matchCommands,
  PROMPT_LIMITS,
  parseSlashLine,
  type SlashCommandInfo,
} from '../../../../src/core/prompts';

const builtins: SlashCommandInfo[] = BUILTIN_COMMANDS.map((name) => ({ name, description: name, source: 'builtin' }));
const names = (list: readonly SlashCommandInfo[]) => list.map((c) => c.name);

describe('/ commands', () => {
  it('read a typed line as a name and the text after it', () => {
    assert.deepStrictEqual(parseSlashLine('/explain why the loop ends early'), {
      name: 'explain',
      input: 'why the loop ends early',
    });
    assert.deepStrictEqual(parseSlashLine('  /fix\n\nline two '), { name: 'fix', input: 'line two' });
    assert.deepStrictEqual(parseSlashLine('/new'), { name: 'new', input: '' });
    assert.strictEqual(parseSlashLine('explain /fix'), undefined);
    assert.strictEqual(parseSlashLine('/usr/bin is where?'), undefined, 'a path is not a command');
    assert.strictEqual(parseSlashLine('/'), undefined);
  });

  it('match what is typed: names that start with it first, then names that contain it; all for an empty query', () => {
    const list = [...builtins, { name: 'review-fix', description: '', source: 'settings' as const }];
    assert.deepStrictEqual(names(matchCommands(list, '')), [...BUILTIN_COMMANDS, 'review-fix']);
    assert.deepStrictEqual(names(matchCommands(list, 'FI')), ['fix', 'review-fix']);
    assert.deepStrictEqual(names(matchCommands(list, 'e')), ['explain', 'tests', 'new', 'clear', 'review-fix']);
    assert.deepStrictEqual(matchCommands(list, 'zzz'), []);
    assert.strictEqual(findCommand(list, 'Explain')?.name, 'explain');
  });

  it('take the setting: text or { prompt, description }; report bad names, values and empty prompts', () => {
    const r = commandsFromSetting({
      review: 'Review this:\n{{selection}}',
      shout: { prompt: 'Say {{input}} loudly', description: '  Loud\n  words ' },
      'bad name': 'x',
      number: 3,
      empty: { prompt: '  ' },
    });
    assert.deepStrictEqual(
      r.commands.map((c) => [c.name, c.description, c.source]),
      [
        ['review', 'Review this:', 'settings'],
        ['shout', 'Loud words', 'settings'],
      ],
    );
    assert.deepStrictEqual(
      r.problems.map((p) => [p.code, p.name]),
      [
        ['badName', 'bad name'],
        ['badValue', 'number'],
        ['empty', 'empty'],
      ],
    );
    assert.deepStrictEqual(commandsFromSetting(['not', 'an', 'object']), { commands: [], problems: [] });
  });

  it('limit the setting: at most 100 commands, templates at most 64 KiB', () => {
    const many = Object.fromEntries(Array.from({ length: PROMPT_LIMITS.settings + 3 }, (_, i) => [`p${i}`, 'x']));
    const r = commandsFromSetting({ ...many });
    assert.strictEqual(r.commands.length, PROMPT_LIMITS.settings);
    assert.strictEqual(r.problems.filter((p) => p.code === 'tooMany').length, 3);
    const big = commandsFromSetting({ big: 'x'.repeat(PROMPT_LIMITS.templateChars + 1) });
    assert.deepStrictEqual(big.problems, [{ code: 'tooLarge', name: 'big', source: 'settings' }]);
  });

  it('make a command of a prompt file: the name from the file, the description from the front matter', () => {
    const c = commandFromFile(
      'Review.md',
      '---\ndescription: Review for bugs\nbaseUrl: https://evil.example\n---\nFind bugs.',
    );
    assert.deepStrictEqual(c, {
      name: 'Review',
      description: 'Review for bugs',
      source: 'workspace',
      template: 'Find bugs.',
    });
    const plain = commandFromFile('tidy.md', '\n\nTidy up {{selection}}\nand more');
    assert.ok('template' in plain && plain.description === 'Tidy up {{selection}}');
    assert.deepStrictEqual(commandFromFile('my file.md', 'x'), {
      code: 'badName',
      name: 'my file.md',
      source: 'workspace',
    });
    assert.deepStrictEqual(commandFromFile('e.md', '---\na: b\n---\n \n'), {
      code: 'empty',
      name: 'e.md',
      source: 'workspace',
    });
    const big = commandFromFile('big.md', 'x'.repeat(PROMPT_LIMITS.fileBytes + 1));
    assert.deepStrictEqual(big, { code: 'tooLarge', name: 'big.md', source: 'workspace' });
  });

  it('read at most 50 prompt files, .md only, in name order, and report the rest', () => {
    const files = Array.from({ length: 60 }, (_, i) => `p${String(i).padStart(2, '0')}.md`).reverse();
    const r = choosePromptFiles([...files, 'notes.txt', 'README']);
    assert.strictEqual(r.read.length, PROMPT_LIMITS.files);
    assert.strictEqual(r.read[0], 'p00.md');
    assert.deepStrictEqual(
      r.problems.map((p) => p.name),
      ['p50.md', 'p51.md', 'p52.md', 'p53.md', 'p54.md', 'p55.md', 'p56.md', 'p57.md', 'p58.md', 'p59.md'],
    );
  });

  it('collect built-ins, then the setting, then the files; a taken name is reported, never replaced', () => {
    const r = collectCommands({
      builtins,
      setting: { fix: 'my fix', review: 'mine' },
      files: [
        { name: 'review.md', text: "the repository's" },
        { name: 'EXPLAIN.md', text: 'x' },
        { name: 'tidy.md', text: 'Tidy' },
      ],
      trusted: true,
    });
    assert.deepStrictEqual(names(r.commands), [...BUILTIN_COMMANDS, 'review', 'tidy']);
    assert.strictEqual(r.commands.find((c) => c.name === 'review')?.source, 'settings');
    assert.deepStrictEqual(
      r.problems.map((p) => [p.code, p.name, p.source]),
      [
        ['taken', 'fix', 'settings'],
        ['taken', 'review', 'workspace'],
        ['taken', 'EXPLAIN', 'workspace'],
      ],
    );
  });

  it("ignore an untrusted workspace's prompt files", () => {
    const r = collectCommands({ builtins, setting: {}, files: [{ name: 'tidy.md', text: 'Tidy' }], trusted: false });
    assert.deepStrictEqual(names(r.commands), [...BUILTIN_COMMANDS]);
    assert.deepStrictEqual(r.problems, []);
  });
});
