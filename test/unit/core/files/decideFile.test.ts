import * as assert from 'node:assert';
import { decideFile, type FileFacts, type FilePurpose, MAX_FILE_BYTES } from '../../../../src/core/files';

const dashes = '-'.repeat(5);
const keyBlock = `${dashes}BEGIN OPENSSH PRIVATE KEY${dashes}\nb3BlbnNzaC1rZXktdjEAAAAA\n${dashes}END OPENSSH PRIVATE KEY${dashes}\n`;
const plain: FileFacts = { path: 'src/app.ts', insideWorkspace: true, text: 'export const a = 1;\n' };
const ALL: FilePurpose[] = ['auto', 'pick', 'tool'];

describe('file policy: decideFile', () => {
  it('sends an ordinary workspace file for every purpose', () => {
    for (const p of ALL) assert.deepStrictEqual(decideFile(plain, p), { ok: true }, p);
  });

  it('never sends a secret-looking name by itself; a pick asks first', () => {
    const facts: FileFacts = { path: 'config/.git-credentials', insideWorkspace: true };
    const promise = 'broken promise: a secret-looking file never goes to the model unasked';
    assert.deepStrictEqual(
      decideFile(facts, 'auto'),
      { ok: false, reason: 'secret', rule: '.git-credentials' },
      promise,
    );
    assert.deepStrictEqual(
      decideFile(facts, 'tool'),
      { ok: false, reason: 'secret', rule: '.git-credentials' },
      promise,
    );
    assert.deepStrictEqual(
      decideFile(facts, 'pick'),
      { ok: 'confirm', reason: 'secret', rule: '.git-credentials' },
      'broken promise: a picked secret-looking file is sent only after the user confirms',
    );
  });

  it('a secret name wins even for the active editor', () => {
    const d = decideFile({ path: '.envrc', insideWorkspace: true, activeEditor: true, excluded: true }, 'auto');
    assert.deepStrictEqual(d, { ok: false, reason: 'secret', rule: '.envrc' });
  });

  it('never sends a file with a key block inside by itself; a pick asks first', () => {
    const facts: FileFacts = {
      path: 'deploy.sh',
      insideWorkspace: true,
      activeEditor: true,
      text: `#!/bin/sh\n${keyBlock}`,
    };
    const promise = 'broken promise: a private key block pasted into an ordinary file never goes unasked';
    assert.deepStrictEqual(
      decideFile(facts, 'auto'),
      { ok: false, reason: 'secret', rule: 'private key block' },
      promise,
    );
    assert.deepStrictEqual(
      decideFile(facts, 'tool'),
      { ok: false, reason: 'secret', rule: 'private key block' },
      promise,
    );
    assert.deepStrictEqual(decideFile(facts, 'pick'), { ok: 'confirm', reason: 'secret', rule: 'private key block' });
  });

  it('a link whose real target is outside the workspace is held for auto and tools, sent when picked', () => {
    const facts: FileFacts = { path: 'notes.md', insideWorkspace: false, activeEditor: true };
    const promise = 'broken promise: only files whose real path is inside a workspace folder go unasked';
    assert.deepStrictEqual(decideFile(facts, 'auto'), { ok: false, reason: 'outside' }, promise);
    assert.deepStrictEqual(decideFile(facts, 'tool'), { ok: false, reason: 'outside' }, promise);
    assert.deepStrictEqual(decideFile({ ...facts, text: 'hello' }, 'pick'), { ok: true });
  });

  it('the real name counts too: a link named notes.md to a key file looks secret', () => {
    const facts: FileFacts = { path: 'notes.md', realName: 'id_ed25519', insideWorkspace: false };
    assert.deepStrictEqual(decideFile(facts, 'pick'), { ok: 'confirm', reason: 'secret', rule: 'id_*' });
    assert.deepStrictEqual(decideFile({ ...facts, insideWorkspace: true }, 'auto'), {
      ok: false,
      reason: 'secret',
      rule: 'id_*',
    });
  });

  it('excluded files: tools never, auto only for the active editor, picks yes', () => {
    const facts: FileFacts = { path: 'dist/bundle.js', insideWorkspace: true, excluded: true, text: 'x' };
    assert.deepStrictEqual(decideFile(facts, 'tool'), { ok: false, reason: 'excluded' }, 'tools skip excluded files');
    assert.deepStrictEqual(decideFile({ ...facts, activeEditor: true }, 'tool'), { ok: false, reason: 'excluded' });
    assert.deepStrictEqual(decideFile(facts, 'auto'), { ok: false, reason: 'excluded' }, 'welcome examples skip them');
    assert.deepStrictEqual(
      decideFile({ ...facts, activeEditor: true }, 'auto'),
      { ok: true },
      'the open editor may be one',
    );
    assert.deepStrictEqual(decideFile(facts, 'pick'), { ok: true });
  });

  it('binary, unreadable and oversized files are held for every purpose', () => {
    for (const p of ALL) {
      assert.deepStrictEqual(decideFile({ ...plain, text: 'GIF89a\0\0' }, p), { ok: false, reason: 'binary' }, p);
      assert.deepStrictEqual(decideFile({ ...plain, unreadable: true }, p), { ok: false, reason: 'unreadable' }, p);
      assert.deepStrictEqual(
        decideFile({ ...plain, bytes: MAX_FILE_BYTES + 1 }, p),
        { ok: false, reason: 'tooLarge' },
        p,
      );
    }
    assert.deepStrictEqual(decideFile({ ...plain, bytes: MAX_FILE_BYTES }, 'auto'), { ok: true });
  });

  it('answers without text from the path alone (the caller reads only when that is ok)', () => {
    assert.deepStrictEqual(decideFile({ path: 'src/a.ts', insideWorkspace: true }, 'tool'), { ok: true });
  });

  it('an outside file that also looks secret is held as outside for auto (the first reason)', () => {
    assert.deepStrictEqual(decideFile({ path: '.env', insideWorkspace: false }, 'auto'), {
      ok: false,
      reason: 'outside',
    });
  });
});
