import * as assert from 'node:assert/strict';
import { settingValue } from '../../../../src/core/base/settingLayers';

describe('setting layers and workspace trust', () => {
  const layers = { defaultValue: '', globalValue: 'mine', workspaceValue: 'repo', workspaceFolderValue: 'folder' };

  it('in a trusted workspace, the most specific layer wins, as in VS Code', () => {
    assert.deepEqual(settingValue(layers, true), { value: 'folder', fromWorkspace: true });
    assert.deepEqual(settingValue({ ...layers, workspaceFolderValue: undefined }, true), {
      value: 'repo',
      fromWorkspace: true,
    });
  });

  it('in an untrusted workspace, workspace and folder values are ignored', () => {
    assert.deepEqual(settingValue(layers, false), { value: 'mine', fromWorkspace: false });
    assert.deepEqual(settingValue({ defaultValue: 0, workspaceValue: 5 }, false), { value: 0, fromWorkspace: false });
    assert.deepEqual(settingValue(undefined, false), { value: undefined, fromWorkspace: false });
  });
});
