/**
 * `@switchboard/ivr`: IVR menus (JSON definitions validated and compiled to XState machines,
 * stepped by a pure session function), conversation scripts the agent steps through, and the
 * rules that pick a script for a contact. Pure: no I/O, no clock, no randomness.
 *
 * @packageDocumentation
 */
export { IVR_ERRORS, IvrError, isIvrError, type IvrErrorCode, type DefinitionProblem } from './errors.js';
export * from './menu/index.js';
export * from './scripts/index.js';
