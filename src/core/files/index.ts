/**
 * The files room's public surface: the one file policy (which of the user's files may go to the
 * model, for which purpose), its name and content rules, the inside-the-workspace test and the read cap.
 */
export * from './decide';
export * from './excludeGlobs';
export * from './insideRoot';
export * from './readCap';
export * from './secretContent';
export * from './secretNames';
