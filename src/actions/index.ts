/** Server-driven buttons and forms: fn parser, action registry, runner, forms model, trace. */
export { parseFnString, type FnCall, type FnParseResult } from './fn-parser';
export * from './form-model';
export { ACTION_NAMES, ActionRegistry, defaultRegistry, type ActionName, type BoundAction } from './registry';
export { readServerResponse, type ServerInstructions } from './response';
export { ActionRunner, type ButtonLike, type RunnerOptions } from './runner';
export { Trace, type TraceEntry, type TraceKind } from './trace';
export * from './types';
export { checkRedirectUrl, type UrlCheck } from './url-policy';
