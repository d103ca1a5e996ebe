/**
 * The grammars the renderer can highlight, from the one language table in the core (which the
 * insertion uses too, so the panel and the editor name languages alike).
 */
export { extraAliases, grammarFor, grammarNames, requiredGrammars } from '../../core/editor';
