/**
 * The workforce-management error catalogue: code → HTTP status → message. Bad input to the
 * Erlang formulas, the forecast, the staffing plan or the simulator is a {@link WfmError} naming
 * the offending path; expected outcomes (a target no staffing reaches, a forecast with too little
 * history) are values, not errors.
 */
export const WFM_ERRORS = {
  WFM_INPUT_INVALID: { status: 400, message: 'Workforce-management input is not valid' },
  SCENARIO_INVALID: { status: 400, message: 'Simulation scenario is not valid' },
  HISTORY_INSUFFICIENT: { status: 422, message: 'Not enough history to forecast' },
  WFM_TOO_LARGE: { status: 413, message: 'Request exceeds the workforce-management limits' },
} as const;

/** Every code a {@link WfmError} can carry. */
export type WfmErrorCode = keyof typeof WFM_ERRORS;

/** The one error class of the WFM module: a catalogue code, its HTTP status and a detail. */
export class WfmError extends Error {
  readonly code: WfmErrorCode;
  readonly status: number;

  constructor(code: WfmErrorCode, detail?: string, options?: { cause?: unknown }) {
    const base = WFM_ERRORS[code].message;
    super(detail === undefined ? base : `${base}: ${detail}`, options);
    this.name = 'WfmError';
    this.code = code;
    this.status = WFM_ERRORS[code].status;
  }
}

/** True when `e` is a {@link WfmError}, optionally with the given code. */
export function isWfmError(e: unknown, code?: WfmErrorCode): e is WfmError {
  return e instanceof WfmError && (code === undefined || e.code === code);
}
