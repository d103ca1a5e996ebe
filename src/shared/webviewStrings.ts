/**
 * The keys of every string the chat webview shows. The host fills them in (translated) and sends
 * them in the snapshot; the webview reads them by key. Typed both ways: the host's table is a
 * {@link WebviewStrings} object literal, so a missing key and an extra key are compile errors, and
 * the webview can only read keys listed here. A key listed here that the webview never reads is
 * caught by `test/unit/shared/webviewStrings.test.ts` (TypeScript has no check for unread keys).
 */
export const WEBVIEW_STRING_KEYS = [
  'messagePlaceholder',
  'messageLabel',
  'send',
  'stop',
  'you',
  'assistant',
  'copyMessage',
  'regenerate',
  'edit',
  'save',
  'cancel',
  'continue',
  'retry',
  'thinking',
  'interrupted',
  'stopped',
  'cutOff',
  'filtered',
  'retryWait',
  'cancelRetry',
  'jumpToLatest',
  'empty',
  'tokens',
  'tokensPerSecond',
  'answerComplete',
  'codeCopy',
  'insertAtCursor',
  'insertNewFile',
  'transcript',
  'busy',
  'toolCall',
  'copyArguments',
  'chatUsage',
  'pickModel',
  'welcomeTitle',
  'welcomeText',
  'lookingForServers',
  'localServersFound',
  'useLocalServer',
  'noLocalServers',
  'findLocalServers',
  'selectProvider',
  'selectModel',
  'setApiKey',
  'testConnection',
  'welcomeReady',
  'chattingWith',
  'noModel',
  'examples',
  'workspacePrompt',
] as const;

/** The name of one webview string. */
export type WebviewStringKey = (typeof WEBVIEW_STRING_KEYS)[number];

/** Every webview string, translated, by key. */
export type WebviewStrings = Readonly<Record<WebviewStringKey, string>>;
