/** The base room's public surface: what other rooms, the host and the CLI may import. */
export * from './clock';
export * from './credentialHeaders';
export * from './markdownFence';
export * from './redact';
export * from './settingLayers';
