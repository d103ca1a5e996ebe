/**
 * What a chat's next question may offer the model: the read-only tools over the workspace, when
 * `rill.tools` is not `off` and the chat's switch is on (off by default in an untrusted workspace).
 */
import * as vscode from 'vscode';
import type { Chat, SessionTools } from '../../core/chat';
import { EndpointMemory } from '../../core/client';
import { offeredTools, READ_TOOLS } from '../../core/tools';
import { readToolSettings } from '../settings';
import { locateRipgrep } from './ripgrepPath';
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

/** The tools for `chat`'s next request, or undefined when it gets none. */
export function sessionToolsFor(chat: Chat): SessionTools | undefined {
  const settings = readToolSettings();
  if (!toolsOn(chat, settings.mode, vscode.workspace.isTrusted)) return undefined;
  if (!vscode.workspace.workspaceFolders?.length) return undefined;
  const host = new VsCodeToolHost(vscodeRipgrep());
  return {
    host,
    tools: offeredTools(READ_TOOLS, host),
    mode: settings.mode,
    maxRounds: settings.maxRounds,
    memory,
  };
}
