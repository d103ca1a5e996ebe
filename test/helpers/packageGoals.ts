/**
 * The package's size goals, read by the package e2e test and the package benchmark alike (one
 * source for both). Raised only with the measured reason in the commit that raises them.
 */
export const PACKAGE_GOALS = {
  /**
   * The `.vsix` in KB. About half of it is the README's pictures (the Extensions view shows the
   * README, so they ship with it); the other half is the code. Raised from 400 to 460 when the
   * model's tools (the loop, the text protocol, the VS Code tool host and its steps), the file
   * policy (secret name and content rules, `.gitignore` matching) and change sets (the edit matcher,
   * diffs, the review) came in: 375 KB → 452 KB measured, about 60 KB of it that code. Raised to
   * 480 when `run_command` (approvals, the terminal and child-process runners), the review diff that
   * fills while Fix streams, proposals following the user's edits and the translatable step lines
   * came in with the pictures of tool steps and of a change set's summary and review: 475.5 KB
   * measured (the code +8 KB compressed, the pictures +11 KB net of one removed).
   */
  vsixKb: 480,
  /** Files in the `.vsix`: the bundles, manifests, translations, styles and the README's pictures. */
  vsixFiles: 36,
  /** The host bundle loaded at activation, `dist/extension.js`, in KB. */
  activationKb: 50,
  /**
   * All host code (`extension.js` + `rill.js`) in KB: catches a library bundled into the host by
   * mistake. Raised from 160 to 256 with the tools, the file policy and change sets (150 KB → 246 KB
   * measured; `ignore`, for `.gitignore` rules, is about 10 KB of it). Raised to 280 with
   * `run_command`, the streamed review diff, proposals that follow the user's edits and the step
   * lines' catalogue: 270.5 KB measured (`rill.js` 268,972 B + `extension.js` 1,536 B).
   */
  hostKb: 280,
} as const;
