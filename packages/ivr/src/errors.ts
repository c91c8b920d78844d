/**
 * The IVR package's error catalogue: code → HTTP status → message. A thrown {@link IvrError}
 * means nothing was changed; problems of a definition carry every offending path.
 */
export const IVR_ERRORS = {
  IVR_DEFINITION_INVALID: { status: 400, message: 'IVR definition is not valid' },
  IVR_INPUT_INVALID: { status: 400, message: 'IVR input is not valid' },
  IVR_SESSION_ENDED: { status: 409, message: 'IVR session has ended' },
  SCRIPT_DEFINITION_INVALID: { status: 400, message: 'Script definition is not valid' },
  SCRIPT_ANSWER_INVALID: { status: 400, message: 'Answer is not one the script step offers' },
  SCRIPT_ENDED: { status: 409, message: 'Script has ended' },
} as const;

/** Every code an {@link IvrError} can carry. */
export type IvrErrorCode = keyof typeof IVR_ERRORS;

/** One problem of a definition: where (a path such as `nodes.main.options.1.next`) and what. */
export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

/** The one error class of the package: a catalogue code, its HTTP status, a detail, and for definitions every problem. */
export class IvrError extends Error {
  readonly code: IvrErrorCode;
  readonly status: number;
  readonly problems: readonly DefinitionProblem[];

  constructor(code: IvrErrorCode, detail?: string, problems: readonly DefinitionProblem[] = []) {
    const base = IVR_ERRORS[code].message;
    super(detail === undefined ? base : `${base}: ${detail}`);
    this.name = 'IvrError';
    this.code = code;
    this.status = IVR_ERRORS[code].status;
    this.problems = problems;
  }
}

/** True when `e` is an {@link IvrError}, optionally with the given code. */
export function isIvrError(e: unknown, code?: IvrErrorCode): e is IvrError {
  return e instanceof IvrError && (code === undefined || e.code === code);
}
