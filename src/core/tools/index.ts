/**
 * The tools room's public surface: the read-only tools (definitions, limits, refusals), the
 * {@link ToolHost} port each host implements, the text protocol and the loop that drives them.
 */
export * from './args';
export * from './definitions/findFiles';
export * from './definitions/getProblems';
export * from './definitions/listDir';
export * from './definitions/readFile';
export * from './definitions/searchText';
export * from './definitions/symbols';
export * from './gitignore';
export * from './glob';
export * from './limits';
export * from './loop';
export * from './paths';
export * from './realPaths';
export * from './registry';
export * from './results';
export * from './ripgrep';
export * from './send';
export * from './stepLines';
export * from './tagParser';
export * from './textProtocol';
export * from './types';
