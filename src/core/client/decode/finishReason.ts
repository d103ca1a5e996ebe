/** Maps the finish reasons servers send onto the core's {@link FinishReason}. */
import type { FinishReason } from '../../types';

const REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  eos: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  length: 'length',
  max_tokens: 'length',
  model_length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
  safety: 'content_filter',
  recitation: 'content_filter',
};

/**
 * The finish reason for a server's `finish_reason` string; unknown non-empty values count as `stop`
 * (the model ended its answer). The empty string is not a finish: some servers send `""` on every
 * chunk. `error` is not a finish either: the caller reports it as an error.
 */
export function mapFinishReason(raw: string): FinishReason | undefined {
  if (raw === '' || raw === 'error') return undefined;
  return REASONS[raw.toLowerCase()] ?? 'stop';
}
