/** The client room's public surface: what other rooms, the host and the CLI may import. */
export * from './attempt';
export * from './closeNames';
export * from './connectionTest';
export * from './decode/chatStreamDecoder';
export { unansweredToolCallNotice } from './decode/toolCalls';
export * from './decode/usage';
export * from './endpoint';
export * from './endpointMemory';
export * from './errors';
export * from './listModels';
export * from './modelName';
export * from './modelPrices';
export * from './requestTimeout';
export * from './retryPolicy';
export * from './streamChat';
export * from './target';
export * from './toolRefusal';
