import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CHAT_EDITOR_VIEW_TYPE,
  CHAT_PANEL_VIEW_TYPE,
  CHAT_VIEW_ID,
  VIEW_CONTAINER_ID,
} from '../../../src/host/viewIds';
import { REPO } from '../../helpers/sources';

describe('viewIds', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

  it('match the view container and the view the manifest declares', () => {
    assert.deepStrictEqual(
      pkg.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id),
      [VIEW_CONTAINER_ID],
    );
    assert.deepStrictEqual(
      pkg.contributes.views[VIEW_CONTAINER_ID].map((v: { id: string }) => v.id),
      [CHAT_VIEW_ID],
    );
  });

  it('are the ones the manifest activates on', () => {
    assert.ok(pkg.activationEvents.includes(`onView:${CHAT_VIEW_ID}`));
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${CHAT_PANEL_VIEW_TYPE}`));
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${CHAT_EDITOR_VIEW_TYPE}`));
  });

  it('are not written out anywhere else in the extension code', () => {
    const files = [
      'src/extension.ts',
      'src/host/chat/chatViewProvider.ts',
      'src/host/chat/chatPanel.ts',
      'src/host/chat/editorChats.ts',
    ];
    const offenders = files.filter((f) =>
      /['"]rill\.chat(Panel|Editor)?['"]/.test(fs.readFileSync(path.join(REPO, f), 'utf8')),
    );
    assert.deepStrictEqual(offenders, []);
  });
});
