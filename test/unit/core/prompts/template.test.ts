import * as assert from 'node:assert';
import { expandTemplate, usesPlaceholder } from '../../../../src/core/prompts';

const values = { input: '  only the loop  ', selection: 'for (;;) {}', file: 'src/a.ts', language: 'typescript' };

describe('prompt templates', () => {
  it('fill in the typed text, the selection, the file and the language, with or without spaces in the braces', () => {
    const out = expandTemplate(
      'Review {{ file }} ({{language}}):\n```{{language}}\n{{selection}}\n```\nFocus: {{input}}',
      values,
    );
    assert.strictEqual(out, 'Review src/a.ts (typescript):\n```typescript\nfor (;;) {}\n```\nFocus: only the loop');
  });

  it('append the typed text when the template has no {{input}}, so nothing typed is dropped', () => {
    assert.strictEqual(expandTemplate('Explain this.\n', values), 'Explain this.\n\nonly the loop');
    assert.strictEqual(expandTemplate('Explain this.', { ...values, input: ' ' }), 'Explain this.');
  });

  it('expand in one pass: a value holding a placeholder stays as it is', () => {
    const out = expandTemplate('{{selection}} / {{input}}', { ...values, selection: 'x = "{{input}}"', input: 'q' });
    assert.strictEqual(out, 'x = "{{input}}" / q');
  });

  it('leave unknown placeholders alone and empty values empty', () => {
    assert.strictEqual(
      expandTemplate('{{name}} {{selection}}|', { input: '', selection: '', file: '', language: '' }),
      '{{name}} |',
    );
  });

  it('tell which placeholders a template uses', () => {
    assert.strictEqual(usesPlaceholder('a {{ selection }}', 'selection'), true);
    assert.strictEqual(usesPlaceholder('a {{selection}}', 'input'), false);
    assert.strictEqual(usesPlaceholder('a {{selections}}', 'selection'), false);
  });
});
