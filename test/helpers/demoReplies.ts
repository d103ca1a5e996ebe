/**
 * Canned Markdown answers for the demo endpoint: prose, a list, a table and a fenced TypeScript
 * block, chosen by keywords in the user's last message, so the extension can be tried (and
 * screenshotted) without a model.
 */

/** One canned answer. */
export interface DemoReply {
  /** Words in the user's message that pick this answer (lower case). */
  keywords: string[];
  /** Reasoning streamed before the answer, if any. */
  reasoning?: string;
  markdown: string;
}

const CODE = `Here is a small TypeScript helper that debounces a function: calls made in quick succession
collapse into one, made after the caller has been quiet for \`ms\` milliseconds.

\`\`\`typescript
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const save = debounce((text: string) => console.log('saving', text.length), 300);
save('a');
save('ab'); // only this call runs, 300 ms later
\`\`\`

Each call clears the pending timer, so only the last call in a burst runs.`;

const LIST = `A few ways to make a VS Code extension start faster:

1. **Activate late.** Use precise activation events instead of \`*\`.
2. **Bundle.** One esbuild bundle loads much faster than hundreds of small files.
3. **Defer work.** Register commands at once, but load heavy modules on first use.
4. **Measure.** Run *Developer: Show Running Extensions* to see activation times.

- Keep the \`activate\` function thin.
- Avoid synchronous file system calls on the startup path.`;

const TABLE = `Here is how the common OpenAI-compatible servers compare:

| Server | Default base URL | Needs an API key |
| --- | --- | --- |
| OpenAI | \`https://api.openai.com/v1\` | yes |
| Ollama | \`http://localhost:11434/v1\` | no |
| LM Studio | \`http://localhost:1234/v1\` | no |
| llama.cpp | \`http://localhost:8080/v1\` | no |
| OpenRouter | \`https://openrouter.ai/api/v1\` | yes |

All of them stream answers as server-sent events.`;

const PROSE = `Hello! This is the **Rill demo endpoint**, a local server that speaks the OpenAI chat
completions protocol, so you can try the extension without a model or an API key.

Ask for *code*, a *list* or a *table* to see how answers render. Every answer streams in small
pieces, just as a real model's would, and you can stop it at any time.`;

const THINK = `The answer is **42**, the answer to the ultimate question of life, the universe and everything.`;

/** The canned answers, most specific first; the last one is the default. */
export const DEMO_REPLIES: DemoReply[] = [
  { keywords: ['code', 'typescript', 'function', 'example', 'debounce'], markdown: CODE },
  { keywords: ['table', 'compare', 'servers'], markdown: TABLE },
  { keywords: ['list', 'steps', 'tips', 'ways'], markdown: LIST },
  {
    keywords: ['think', 'reason', 'why'],
    reasoning: 'The user wants a short answer with some reasoning shown. A classic reference will do.',
    markdown: THINK,
  },
  { keywords: [], markdown: PROSE },
];

/** The canned answer for a user message: the first whose keyword it contains, else the default. */
export function pickDemoReply(userText: string): DemoReply {
  const text = userText.toLowerCase();
  return DEMO_REPLIES.find((r) => r.keywords.some((k) => text.includes(k))) ?? DEMO_REPLIES[DEMO_REPLIES.length - 1];
}

/** Cuts text into token-sized pieces (a word or part of one, with its leading space), as models stream. */
export function tokenize(text: string): string[] {
  return text.match(/\s*[^\s]{1,6}|\s+/g) ?? [];
}
