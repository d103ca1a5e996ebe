/** The prompts room's public surface: `/` commands, prompt files and templates. */
export * from './frontMatter';
export * from './slashCommands';
export * from './template';
