/**
 * The webview's strings, translated on the host (the webview has no localisation code).
 */
import * as vscode from 'vscode';
import type { FixCommand } from '../../shared/errorFixes';
import type { WebviewStrings } from '../../shared/webviewStrings';

/**
 * The label of each setup step's button, the same in an error message and in the chat: the webview
 * finds a fix's label under the fix's own name in its strings.
 */
export function fixLabels(): Record<FixCommand, string> {
  const t = vscode.l10n.t;
  return { selectProvider: t('Select Provider'), selectModel: t('Select Model'), setApiKey: t('Set API Key') };
}

/**
 * Every string the webview shows, translated on the host with `vscode.l10n` and sent in the
 * snapshot, so the webview needs no localisation code of its own.
 */
export function webviewStrings(): WebviewStrings {
  const t = vscode.l10n.t;
  return {
    messagePlaceholder: t('Ask anything (Enter to send, Shift+Enter for a new line)'),
    messageLabel: t('Message'),
    send: t('Send'),
    stop: t('Stop'),
    you: t('You'),
    assistant: t('Assistant'),
    copyMessage: t('Copy message'),
    regenerate: t('Regenerate'),
    edit: t('Edit and resend'),
    save: t('Send edited message'),
    cancel: t('Cancel'),
    continue: t('Continue'),
    retry: t('Retry'),
    thinking: t('Thinking'),
    toolCall: t('Tool call: {0}'),
    copyArguments: t('Copy arguments'),
    toolStepRunning: t('Running…'),
    toolStepShow: t('Show or hide the result'),
    commandAsk: t('The model asks to run a command'),
    commandRun: t('Run'),
    commandSkip: t('Skip'),
    commandInFolder: t('in the folder {0}'),
    commandInRoot: t('in the workspace folder'),
    toolsSwitch: t('Tools'),
    toolsOnTitle: t(
      'Tools are on for this chat: the model may read files of the workspace it asks for. Click to turn them off.',
    ),
    toolsOffTitle: t('Tools are off for this chat: the model answers from what you attach. Click to turn them on.'),
    interrupted: t('Interrupted: the reply stopped before it finished. The text so far is kept.'),
    stopped: t('Stopped.'),
    cutOff: t('The answer reached the token limit.'),
    filtered: t("The answer was stopped by the provider's content filter."),
    retryWait: t('Retrying in {0} s ({1})'),
    cancelRetry: t('Cancel'),
    jumpToLatest: t('Jump to latest'),
    empty: t('Ask a question to start. Answers stream in here.'),
    welcomeTitle: t('Set up Rill'),
    welcomeText: t('Rill talks to any OpenAI-compatible server: one on this machine, or a provider with your API key.'),
    lookingForServers: t('Looking for local servers…'),
    localServersFound: t('Local servers found'),
    useLocalServer: t('Use {0} with {1} ({2})'),
    noLocalServers: t(
      'No local server answered on the usual ports (Ollama, LM Studio, llama.cpp, vLLM). Start with Select Provider for a hosted provider or another server, or start a local one and press Find Local Servers.',
    ),
    findLocalServers: t('Find Local Servers'),
    ...fixLabels(),
    testConnection: t('Test Connection'),
    welcomeReady: t('Ready to chat'),
    chattingWith: t('Chatting with {0} · {1}'),
    noModel: t('no model selected'),
    examples: t('Example questions about the current file'),
    tokens: t('{0} tokens'),
    answerTokens: t('{0} answer tokens · {1} prompt tokens'),
    answerTokensTitle: t(
      'The answer took {0} tokens; the prompt sent for it (conversation, context and question) took {1}.',
    ),
    chatUsage: t('this chat: {0}'),
    pickModel: t('Provider and model (click to change)'),
    tokensPerSecond: t('{0} tokens/s'),
    answerComplete: t('Answer complete.'),
    codeCopy: t('Copy code'),
    insertAtCursor: t('Insert code at cursor'),
    insertNewFile: t('Insert code in new file'),
    apply: t('Apply'),
    applyCode: t('Apply code in place of the selection, after a review'),
    transcript: t('Conversation'),
    busy: t('Answering…'),
    addContext: t('Add context (or type # in the message)'),
    contextChips: t('Context for the next question'),
    removeChip: t('Remove {0} from this question'),
    includeChip: t('Add {0} on purpose (asks first when it looks secret)'),
    meter: t("{0} / {1} tokens of the model's window"),
    notSent: t("{0} earlier messages not sent: they do not fit the model's window."),
    contextRetried: t('The server said the conversation was too long; Rill sent it again with less of it.'),
    overflowConversation: t("The conversation does not fit the model's context window."),
    overflowQuestion: t(
      "This question and its attachments alone do not fit the model's context window. Shorten it or attach less.",
    ),
    startNewChat: t('Start a new chat'),
    summarise: t('Summarise and continue'),
    summaryTitle: t('Summary of the conversation so far'),
    attachmentCut: t('{0} (cut to fit)'),
    openAttachment: t('Open {0}'),
    workspacePrompt: t("This workspace's settings set the system prompt:"),
    commandList: t('Commands'),
    fromWorkspace: t('workspace'),
    fromSettings: t('settings'),
    applyToPath: t('Apply to {0}'),
    applyAll: t('Apply All'),
    changes: t('Proposed changes'),
    reviewChanges: t('Review'),
    acceptAll: t('Accept All'),
    rejectAll: t('Reject All'),
    acceptFile: t('Accept {0}'),
    rejectFile: t('Reject {0}'),
    openChange: t('Open the change of {0}'),
    changeAccepted: t('accepted'),
    changeRejected: t('rejected'),
    newFileMark: t('new'),
  };
}
