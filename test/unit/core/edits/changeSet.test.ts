import * as assert from 'node:assert';
import { ChangeSet, describeDecision, type FileChange, summaryText } from '../../../../src/core/edits';

describe('change set', () => {
  it('collects files in order, counts lines and writes the summary', () => {
    const set = new ChangeSet();
    set.propose('a.ts', 'x\ny\n', 'x\nY\nz\n');
    set.propose('b.ts', undefined, 'new\nfile\n');
    assert.deepStrictEqual(
      set.list().map((c) => [c.path, c.status]),
      [
        ['a.ts', 'pending'],
        ['b.ts', 'pending'],
      ],
    );
    assert.deepStrictEqual(set.summary(), { files: 2, added: 4, removed: 1 });
    assert.strictEqual(summaryText(set.summary()), '2 files changed, +4 \u22121');
    assert.strictEqual(summaryText({ files: 1, added: 0, removed: 3 }), '1 file changed, +0 \u22123');
  });

  it('a later edit of a pending file applies on top of the proposal and keeps the first original', () => {
    const set = new ChangeSet();
    set.propose('a.ts', 'v1', 'v2');
    assert.strictEqual(set.baseText('a.ts'), 'v2');
    set.propose('a.ts', 'ignored', 'v3');
    assert.deepStrictEqual(
      { ...set.get('a.ts') },
      { path: 'a.ts', original: 'v1', proposed: 'v3', status: 'pending', editedByUser: false },
    );
    // Back to the original: no change left.
    assert.strictEqual(set.propose('a.ts', 'v1', 'v1'), undefined);
    assert.strictEqual(set.size, 0);
  });

  it("accept, reject, the user's edits of the proposal and what the model is told", () => {
    const set = new ChangeSet();
    set.propose('a.ts', 'a', 'A');
    set.propose('b.ts', 'b', 'B');
    set.propose('c.ts', undefined, 'C');
    set.editProposal('b.ts', 'B2');
    assert.strictEqual(set.get('b.ts')?.proposed, 'B2');
    assert.strictEqual(set.decide('a.ts', 'rejected')?.status, 'rejected');
    assert.strictEqual(set.decide('a.ts', 'accepted'), undefined, 'decided once');
    assert.deepStrictEqual(
      set.decideAll('accepted').map((c) => c.path),
      ['b.ts', 'c.ts'],
    );
    assert.ok(set.settled);
    assert.deepStrictEqual(set.summary().files, 2, 'rejected files leave the summary');
    assert.match(describeDecision(set.get('a.ts')!), /REJECTED.*as it was/);
    assert.match(describeDecision(set.get('b.ts')!), /after editing it/);
    assert.match(describeDecision(set.get('c.ts')!), /ACCEPTED/);
    // After a decision the file on disk is the base again; a new edit starts a new pending change.
    assert.strictEqual(set.baseText('a.ts'), undefined);
    set.propose('a.ts', 'a', 'AA');
    assert.deepStrictEqual([set.get('a.ts')?.status, set.get('a.ts')?.original], ['pending', 'a']);
    assert.match(describeDecision(set.get('a.ts')!), /waiting/);
  });

  it("follows the user's edits of a waiting file: new original and proposal, counts anew, the model told to read again", () => {
    const set = new ChangeSet();
    set.propose('a.ts', 'a\nb\n', 'a\nB\n');
    const counts = (c: FileChange) => {
      const { added, removed } = set.stats(c);
      return { added, removed };
    };
    assert.deepStrictEqual(counts(set.get('a.ts')!), { added: 1, removed: 1 });
    set.follow('a.ts', 'user\na\nb\n', 'user\na\nB\n');
    const c = set.get('a.ts')!;
    assert.deepStrictEqual(
      [c.original, c.proposed, c.followed, c.editedByUser],
      ['user\na\nb\n', 'user\na\nB\n', true, false],
    );
    assert.deepStrictEqual(counts(c), { added: 1, removed: 1 }, 'only the change itself counts');
    assert.strictEqual(set.baseText('a.ts'), 'user\na\nB\n', 'a later round edits on top');
    set.decide('a.ts', 'accepted');
    assert.match(describeDecision(c), /read it again/);
    // A decided change and a new file do not follow.
    set.follow('a.ts', 'x', 'y');
    assert.strictEqual(c.original, 'user\na\nb\n');
    set.propose('n.ts', undefined, 'N');
    set.follow('n.ts', 'x', 'y');
    assert.deepStrictEqual([set.get('n.ts')?.original, set.get('n.ts')?.proposed], [undefined, 'N']);
  });

  it('editing a decided proposal changes nothing', () => {
    const set = new ChangeSet();
    set.propose('a', 'x', 'y');
    set.decide('a', 'accepted');
    set.editProposal('a', 'z');
    assert.strictEqual(set.get('a')?.proposed, 'y');
  });
});
