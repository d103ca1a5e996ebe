/** The chat room's public surface: what other rooms, the host and the CLI may import. */
export * from './chatCheck';
export * from './chatStore';
export * from './deltaBatcher';
export * from './historySearch';
export * from './lastAnswer';
export * from './recent';
export * from './session';
export * from './throughput';
export * from './transcript';
export * from './turnFold';
export * from './turnMerge';
