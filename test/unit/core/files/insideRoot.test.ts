import * as assert from 'node:assert';
import { isInsideRoot } from '../../../../src/core/files';

describe('file policy: isInsideRoot', () => {
  const roots = ['/home/u/project'];
  const promise = 'broken promise: a real path outside every workspace folder is never inside';

  it('a file in the folder or below is inside, the folder itself too', () => {
    assert.ok(isInsideRoot('/home/u/project/src/a.ts', roots));
    assert.ok(isInsideRoot('/home/u/project', roots));
    assert.ok(isInsideRoot('/home/u/project/', roots));
  });

  it('a symlink resolved out of the folder is outside (the caller passes the real path)', () => {
    // notes.md -> /home/u/.ssh/id_ed25519: the real path is what counts.
    assert.strictEqual(isInsideRoot('/home/u/.ssh/id_ed25519', roots), false, promise);
  });

  it('a file under a symlinked folder that resolves elsewhere is outside', () => {
    // project/shared -> /srv/shared: project/shared/x.ts resolves to /srv/shared/x.ts.
    assert.strictEqual(isInsideRoot('/srv/shared/x.ts', roots), false, promise);
  });

  it('a sibling sharing the prefix is outside', () => {
    assert.strictEqual(isInsideRoot('/home/u/project-secrets/key', roots), false, promise);
    assert.strictEqual(isInsideRoot('/home/u/projectx', roots), false, promise);
  });

  it('.. walking out is outside, walking back in is inside', () => {
    assert.strictEqual(isInsideRoot('/home/u/project/../other/a', roots), false, promise);
    assert.ok(isInsideRoot('/home/u/other/../project/./a', roots));
  });

  it('any of several roots; none means outside', () => {
    assert.ok(isInsideRoot('/b/x', ['/a', '/b']));
    assert.strictEqual(isInsideRoot('/c/x', ['/a', '/b']), false);
    assert.strictEqual(isInsideRoot('/a/x', []), false, 'no workspace folder: nothing is inside');
    assert.strictEqual(isInsideRoot('', roots), false);
  });

  it('Windows paths: either separator, drive letters without case', () => {
    assert.ok(isInsideRoot('C:\\Proj\\App\\src\\a.ts', ['c:\\proj\\app']));
    assert.ok(isInsideRoot('c:/proj/app/a.ts', ['C:\\Proj\\App\\']));
    assert.strictEqual(isInsideRoot('D:\\work\\app\\a.ts', ['C:\\work\\app']), false, promise);
    assert.strictEqual(isInsideRoot('C:\\work\\app-keys\\a', ['C:\\work\\app']), false, promise);
  });

  it('POSIX paths keep their case', () => {
    assert.strictEqual(isInsideRoot('/Home/u/project/a', roots), false);
  });

  it('a root of / holds everything on that system', () => {
    assert.ok(isInsideRoot('/etc/hosts', ['/']));
  });
});
