/**
 * What a chat's next question may offer the model: the read-only tools over the workspace, when
 * `rill.tools` is not `off` and the chat's switch is on (off by default in an untrusted workspace),
 * and in a trusted workspace the edit tools too, whose proposals collect in the answer's change set,
 * and `run_command` when the answer's host lends a command port (each run asks the user).
 */
import * as vscode from 'vscode';
import type { Chat, SessionTools } from '../../core/chat';
import { EndpointMemory } from '../../core/client';
import { RUN_TOOLS } from '../../core/commands';
import { EDIT_TOOLS, type EditHost } from '../../core/edits';
import { type AnyTool, offeredTools, READ_TOOLS, type ToolHost } from '../../core/tools';
import { readToolSettings } from '../settings';
import { locateRipgrep } from './ripgrepPath';
import { localStepWording } from './stepWording';
import { toolsOn } from './toolsSwitch';
import { VsCodeToolHost } from './vscodeToolHost';

/** Endpoints and models that refused native tools this session: asked with the text protocol at once. */
const memory = new EndpointMemory();

let ripgrep: { path: string | undefined } | undefined;

/** The ripgrep VS Code ships, looked up once per session. */
export function vscodeRipgrep(): string | undefined {
  ripgrep ??= { path: locateRipgrep(vscode.env.appRoot) };
  return ripgrep.path;
}

/**
 * The tools for `chat`'s next request, or undefined when it gets none. The edit tools only in a
 * trusted workspace (the edit host refuses too, should trust be revoked mid-answer) and only when
 * `editHost` is given: it makes the answer's edit host over the read-only one and the first
 * workspace folder (the change set lives in the edit room, which this room does not import).
 */
export function sessionToolsFor(
  chat: Chat,
  editHost?: (reader: ToolHost, root: vscode.Uri) => EditHost,
): SessionTools | undefined {
  const settings = readToolSettings();
  if (!toolsOn(chat, settings.mode, vscode.workspace.isTrusted)) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const reader = new VsCodeToolHost(vscodeRipgrep());
  if (!vscode.workspace.isTrusted || !editHost)
    return {
      host: reader,
      tools: offeredTools(READ_TOOLS, reader),
      mode: settings.mode,
      maxRounds: settings.maxRounds,
      memory,
      wording: localStepWording,
    };
  const host = editHost(reader, folder.uri);
  return {
    host,
    // The edit tools take the edit host the loop is given; the read tools see it as its reader.
    tools: [
      ...offeredTools(READ_TOOLS, host),
      ...(EDIT_TOOLS as readonly AnyTool[]),
      ...offeredTools(RUN_TOOLS as readonly AnyTool[], host),
    ],
    mode: settings.mode,
    maxRounds: settings.maxRounds,
    memory,
    wording: localStepWording,
  };
}
