/** The edits room's public surface: matching a model's edits, change sets, diffs and the file paths of code blocks. */
export * from './changeSet';
export * from './editHost';
export * from './editMatch';
export * from './editReport';
export * from './editTools';
export * from './lineDiff';
export * from './lines';
export * from './merge3';
export * from './unifiedDiff';
