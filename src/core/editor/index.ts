/** The editor room's public surface: what other rooms, the host and the CLI may import. */
export * from './blockPaths';
export * from './codeBlocks';
export * from './fences';
export * from './insertion';
export * from './languages';
export * from './prettyArguments';
export * from './prompt';
export * from './rangeTracker';
export * from './review';
