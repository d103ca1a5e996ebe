/**
 * The commands room's public surface: `run_command`, its port, the auto-run rule and the bounded
 * output. The extension alone implements the port; the CLI never runs commands.
 */
export * from './autoRun';
export * from './commandPort';
export * from './output';
export * from './runCommand';
