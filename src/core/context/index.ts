/** The context room's public surface: attachments, token counting, the window budget and overflow recovery. */
export * from './attachment';
export * from './calibration';
export * from './fitRequest';
export * from './fittedStream';
export * from './modelWindow';
export * from './overflow';
export * from './tokenCounter';
export * from './tokenEstimate';
