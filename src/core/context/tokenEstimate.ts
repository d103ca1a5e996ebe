/**
 * The one token counter of Rill: an estimate from the shape of the text, in one pass over its
 * characters. Rill talks to models with many vocabularies (GPT, Llama, Qwen, Mistral…), so no one
 * tokenizer is right for all of them, and the exact ones weigh megabytes in the bundle. The
 * estimate is tuned to land within a few percent of a modern BPE vocabulary on code and prose;
 * {@link Calibration} then scales it per model by what the server reports it counted.
 */

/** Tokens a chat template adds around each message (role markers, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Tokens a chat template adds once per request (the assistant's reply header). */
export const REQUEST_OVERHEAD_TOKENS = 3;

enum Run {
  None,
  Word,
  Digits,
  Punct,
  Space,
}

/** Whether a UTF-16 code unit is an ASCII letter. */
function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Ideographs, kana and Hangul: scripts where a BPE vocabulary spends about one token per character or so. */
function isWideScript(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

/** Tokens for a run of letters: common words are one token, long identifiers split into pieces. */
function wordTokens(length: number): number {
  return length <= 8 ? 1 : 1 + Math.ceil((length - 8) / 5);
}

/**
 * Estimates how many tokens `text` takes, without message overhead. Pure and deterministic; linear
 * in the length of the text. Never negative; 0 only for the empty string.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let run = Run.None;
  let runLength = 0;
  let wide = 0;
  let beforeLetter = false;
  const flush = (): void => {
    if (run === Run.Word) tokens += wordTokens(runLength);
    else if (run === Run.Digits) tokens += Math.ceil(runLength / 3);
    // A lone mark before a word often merges with it (`.length`, `(text`): half a token on average.
    else if (run === Run.Punct) tokens += runLength === 1 && beforeLetter ? 0.5 : Math.ceil(runLength / 2);
    else if (run === Run.Space) tokens += 1;
    run = Run.None;
    runLength = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c)) {
      // A capital after a lower-case letter starts a new piece of a camelCase identifier.
      if (run === Run.Word && c <= 90 && runLength > 0) {
        const prev = text.charCodeAt(i - 1);
        if (prev >= 97 && prev <= 122) flush();
      }
      beforeLetter = true;
      if (run !== Run.Word) flush();
      beforeLetter = false;
      run = Run.Word;
      runLength++;
    } else if (c >= 48 && c <= 57) {
      if (run !== Run.Digits) flush();
      run = Run.Digits;
      runLength++;
    } else if (c === 32) {
      // One space joins the word after it (" the" is one token); longer runs are indentation.
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
      if (run === Run.Space) runLength++;
      else if (next === 32 || next === 9 || next === 10 || next === 13) {
        flush();
        run = Run.Space;
        runLength = 1;
      } else flush();
    } else if (c === 9 || c === 10 || c === 13) {
      if (run !== Run.Space) flush();
      run = Run.Space;
      runLength++;
    } else if (c < 128) {
      if (run !== Run.Punct) flush();
      run = Run.Punct;
      runLength++;
    } else if (isWideScript(c)) {
      flush();
      wide++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // A character outside the basic plane (emoji, rare ideographs): a few byte-level tokens.
      flush();
      tokens += 2;
      i++;
    } else {
      // Other letters (accented Latin, Cyrillic, Greek…) count like letters of a word, but denser.
      if (run !== Run.Word) flush();
      run = Run.Word;
      runLength += 2;
    }
  }
  flush();
  // Ideographs: frequent ones are single tokens, rarer ones take two or three bytes' worth.
  return Math.ceil(tokens + wide * 0.8);
}
