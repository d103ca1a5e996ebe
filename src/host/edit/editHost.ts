/**
 * The edit tools' port in VS Code: the read-only tools' host for reading, the answer's change set
 * (shown under the answer and reviewed in the diff editor) for proposals, and the write check:
 * never in an untrusted workspace, only inside the workspace folder (symbolic links resolved),
 * never a secret file by the one file policy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeSet, EditHost, FileChange } from '../../core/edits';
import { decideFile, isInsideRoot } from '../../core/files';
import type { HostAnswer, ToolHost } from '../../core/tools';
import type { ChangeSets } from './changeSets';

/** The real path of `p`, or of its nearest existing folder with the rest appended (a file not there yet). */
function realPathOf(p: string): string {
  const rest: string[] = [];
  for (let at = p; ; ) {
    try {
      return path.join(fs.realpathSync.native(at), ...rest.reverse());
    } catch {
      const up = path.dirname(at);
      if (up === at) return p;
      rest.push(path.basename(at));
      at = up;
    }
  }
}

/** An {@link EditHost} for one answer over one workspace folder. */
export class VsCodeEditHost implements EditHost {
  constructor(
    private readonly base: ToolHost,
    private readonly sets: ChangeSets,
    private readonly turnId: string,
    private readonly root: vscode.Uri,
  ) {}

  get changes(): ChangeSet {
    return this.sets.setFor(this.turnId, this.root);
  }
  workspaceRelative(p: string): string | undefined {
    return this.base.workspaceRelative(p);
  }
  readText(p: string, signal: AbortSignal) {
    return this.base.readText(p, signal);
  }
  listDir(p: string, signal: AbortSignal) {
    return this.base.listDir(p, signal);
  }
  findFiles(glob: string, max: number, signal: AbortSignal) {
    return this.base.findFiles(glob, max, signal);
  }
  searchText(...a: Parameters<ToolHost['searchText']>) {
    return this.base.searchText(...a);
  }

  editsBlocked(): string | undefined {
    return vscode.workspace.isTrusted ? undefined : 'the workspace is not trusted, so no edit can be proposed';
  }

  async checkWritable(rel: string): Promise<HostAnswer<{ exists: boolean }>> {
    const uri = vscode.Uri.joinPath(this.root, ...rel.split('/'));
    const inside = this.root.scheme !== 'file' || isInsideRoot(realPathOf(uri.fsPath), [realPathOf(this.root.fsPath)]);
    const decision = decideFile({ path: rel, insideWorkspace: inside }, 'tool');
    if (decision.ok !== true)
      return {
        ok: false,
        refusal: { reason: decision.reason, detail: 'rule' in decision ? decision.rule : undefined },
      };
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return { ok: false, refusal: { reason: 'notAFile' } };
      return { ok: true, value: { exists: true } };
    } catch {
      return { ok: true, value: { exists: false } };
    }
  }

  onProposed(change: FileChange): void {
    this.sets.proposed(this.turnId, change);
  }
}
