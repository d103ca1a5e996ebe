/**
 * The commands waiting for the user's Run or Skip, by answer and call. The step's buttons send a
 * `commandDecision` message that lands here; Stop (the answer's signal) ends a wait as a Skip. No
 * `vscode` import, so it is unit-tested.
 */

/** Where `run_command` waits for the user, one entry per waiting step. */
export class CommandApprovals {
  private readonly waiting = new Map<string, (run: boolean) => void>();

  private static key(turnId: string, callId: string): string {
    return `${turnId}\u0000${callId}`;
  }

  /** Resolves with the user's decision on step `callId` of answer `turnId`: true Run, false Skip or Stop. */
  wait(turnId: string, callId: string, signal: AbortSignal): Promise<boolean> {
    const key = CommandApprovals.key(turnId, callId);
    return new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const done = (run: boolean) => {
        this.waiting.delete(key);
        signal.removeEventListener('abort', stop);
        resolve(run);
      };
      const stop = () => done(false);
      signal.addEventListener('abort', stop, { once: true });
      this.waiting.set(key, done);
    });
  }

  /** The user's Run (`run` true) or Skip on a waiting step; false when nothing waits there (already decided). */
  decide(turnId: string, callId: string, run: boolean): boolean {
    const done = this.waiting.get(CommandApprovals.key(turnId, callId));
    done?.(run);
    return done !== undefined;
  }

  /** Whether step `callId` of answer `turnId` waits for the user. */
  isWaiting(turnId: string, callId: string): boolean {
    return this.waiting.has(CommandApprovals.key(turnId, callId));
  }
}
