/** A mixed corpus from the project itself (prose, TypeScript, CSS, JSON, Chinese) for checking token counts. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Project files, relative to its root, that make up the corpus. */
export const MIXED_CORPUS = [
  'README.md',
  'docs/core.md',
  'src/core/chat/session.ts',
  'src/core/client/httpErrors.ts',
  'src/webview/turnView.ts',
  'media/chat.css',
  'package.nls.json',
  'l10n/bundle.l10n.zh-cn.json',
  'package.nls.zh-tw.json',
];

/** The text of each corpus file. */
export function corpusTexts(): string[] {
  return MIXED_CORPUS.map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
}
