import * as vscode from 'vscode';

/**
 * Every string the webview shows, translated on the host with `vscode.l10n` and sent in the
 * snapshot, so the webview needs no localisation code of its own.
 */
export function webviewStrings(): Record<string, string> {
  const t = vscode.l10n.t;
  return {
    messagePlaceholder: t('Ask anything (Enter to send, Shift+Enter for a new line)'),
    messageLabel: t('Message'),
    send: t('Send'),
    stop: t('Stop'),
    you: t('You'),
    assistant: t('Assistant'),
    copy: t('Copy'),
    copied: t('Copied'),
    copyMessage: t('Copy message'),
    regenerate: t('Regenerate'),
    edit: t('Edit and resend'),
    save: t('Send edited message'),
    cancel: t('Cancel'),
    continue: t('Continue'),
    retry: t('Retry'),
    thinking: t('Thinking'),
    interrupted: t('Interrupted: the reply stopped before it finished. The text so far is kept.'),
    stopped: t('Stopped.'),
    cutOff: t('The answer reached the token limit.'),
    filtered: t("The answer was stopped by the provider's content filter."),
    retryWait: t('Retrying in {0} s ({1})'),
    cancelRetry: t('Cancel'),
    jumpToLatest: t('Jump to latest'),
    empty: t('Ask a question to start. Answers stream in here.'),
    tokens: t('{0} tokens'),
    tokensPerSecond: t('{0} tokens/s'),
    answerComplete: t('Answer complete.'),
    codeCopy: t('Copy code'),
    insert: t('Insert'),
    insertAtCursor: t('Insert code at cursor'),
    newFile: t('New file'),
    insertNewFile: t('Insert code in new file'),
    transcript: t('Conversation'),
    busy: t('Answering…'),
  };
}
