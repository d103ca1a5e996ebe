/**
 * Options every mocha run of the suite uses (unit and e2e in `test/runners/all.ts`, the
 * integration suite inside VS Code): a left-over `.only` or a skipped test fails the run instead
 * of passing unnoticed.
 */
export const STRICT_MOCHA = { forbidOnly: true, forbidPending: true } as const;
