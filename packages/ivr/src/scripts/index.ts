/**
 * Conversation scripts by situation: rules that pick a script for a contact (reason, value,
 * cross-sell propensity, offers, history), script definitions validated from JSON, the script
 * as an XState machine, and a pure run the agent steps through.
 *
 * @packageDocumentation
 */
export { CONTACT_FLAGS, COMPLAINT_REASON, isComplaint, type ContactFlag, type ScriptContext } from './script-context.js';
export {
  CONDITION_KEYS,
  type ConditionKey,
  type ScriptConditions,
  type ScriptRule,
  type ScriptSelection,
} from './script-rule.js';
export { specificity, failedConditions } from './rule-conditions.js';
export { selectScript } from './select-script.js';
export { validateScriptRules, type ValidateScriptRulesOptions } from './validate-script-rules.js';
export {
  SCRIPT_PHASES,
  DECLINE_ANSWER,
  type ScriptPhase,
  type ScriptAnswer,
  type ScriptStep,
  type ScriptDefinition,
  type ScriptEvent,
} from './script-definition.js';
export { SCRIPT_ID_PATTERN } from './validation-kit.js';
export { stepExits, skipTarget, type StepExit } from './script-steps.js';
export { validateScript } from './validate-script.js';
export { scriptMachine, type ScriptMachine, type ScriptMachineOptions, type ScriptStateMeta } from './script-machine.js';
export { startScript, stepScript, currentStep, type ScriptRun, type ScriptPathEntry } from './script-run.js';
export { DEMO_SCRIPTS, DEMO_SCRIPT_RULES, DEMO_OFFERS } from './demo-scripts.js';
