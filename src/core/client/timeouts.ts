/** Messages for the idle timeout, shared by every request the core makes. */

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Nothing arrived at all within the timeout. */
export function noResponseMessage(ms: number): string {
  return `The server did not respond within ${seconds(ms)}. It may be overloaded or still loading the model: try again, or raise the idle timeout.`;
}

/** The stream went quiet for the timeout after it had started. */
export function stalledMessage(ms: number): string {
  return `The server sent nothing for ${seconds(ms)}, so the answer was stopped. Try again, or raise the idle timeout if the model is slow.`;
}
