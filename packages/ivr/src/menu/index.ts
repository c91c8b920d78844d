export type {
  IvrDefinition, IvrNode, Prompt, MenuNode, MenuOption, CollectNode, PlayNode, HoursNode, LookupNode,
  RouteNode, CallbackNode, EndNode, TransferNode, ExitNode, Retry,
} from './ivr-definition.js';
export { EXIT_TYPES, isExit, successors } from './ivr-definition.js';
export { validateIvr } from './validate-ivr.js';
export { ivrMachine, HUNG_UP, chosenOption, collected, type IvrContext, type IvrEvent, type IvrMachine } from './ivr-machine.js';
export {
  compileIvr, startIvr, stepIvr, timeoutIfDue,
  type CompiledIvr, type IvrSession, type IvrInput, type IvrAction, type PromptOut, type CollectedAttributes,
} from './ivr-session.js';
export { isOpen, localTime } from './hours.js';
export { DEMO_IVR } from './demo-ivr.js';
