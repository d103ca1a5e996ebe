/**
 * The peer of the `cli` benchmark: the official `openai` SDK doing what `dist/cli.js` does
 * in plain mode, as a program of its own. It streams one answer from the base URL given as its
 * argument and writes the answer's text to stdout, waiting for the pipe to drain as the tool does.
 * `node sdkCli.js BASE_URL`.
 */
import OpenAI from 'openai';

async function main(): Promise<void> {
  const client = new OpenAI({ apiKey: 'bench', baseURL: process.argv[2], maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: 'bench',
    messages: [{ role: 'user', content: 'Write a long answer.' }],
    stream: true,
  });
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (text && !process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

main().catch((err) => {
  process.stderr.write(`sdkCli: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
