/** The providers room's public surface: what other rooms, the host and the CLI may import. */
export * from './keyBinding';
export * from './localServers';
export * from './modelCache';
export * from './presets';
export * from './profiles';
