/**
 * What one everyday ORM feature did on one server, as the compatibility suite classifies it and the guides show
 * it. Plain data (it is written to docs/adapters/compat/<orm>.json), compared field by field.
 */

/**
 * - `works`: as on MySQL, the result checked against the table;
 * - `differs`: works within the server's limits, but a documented difference shows (the note says which);
 * - `refused`: refused before sending, with `UnsupportedServerError`;
 * - `fails`: the server (or the ORM) failed it; the note names the error class and errno;
 * - `wrong`: no error, but the result is not what the application asked for;
 * - `not-emulated`: the CI emulation cannot show it; the note gives what MatrixOne 4.2.0 was recorded doing.
 */
export type CompatOutcomeKind = 'works' | 'differs' | 'refused' | 'fails' | 'wrong' | 'not-emulated';

/** One classified result; `note` is deterministic text (no ids that vary between runs, no timings). */
export interface CompatOutcome {
  readonly kind: CompatOutcomeKind;
  readonly note?: string;
}

function outcome(kind: CompatOutcomeKind, note: string | undefined): CompatOutcome {
  return note === undefined ? { kind } : { kind, note };
}

/** The feature worked as on MySQL; `note` says what was checked when that is worth showing. */
export function works(note?: string): CompatOutcome {
  return outcome('works', note);
}

/** The feature worked, with the documented server difference `note` describes. */
export function differs(note: string): CompatOutcome {
  return outcome('differs', note);
}

/** Refused before sending with `UnsupportedServerError`. */
export function refused(note?: string): CompatOutcome {
  return outcome('refused', note);
}

/** Failed with the error `note` names. */
export function fails(note: string): CompatOutcome {
  return outcome('fails', note);
}

/** Ran without error but gave the wrong result `note` describes. */
export function wrong(note: string): CompatOutcome {
  return outcome('wrong', note);
}

/** Not shown by the CI emulation; `recorded` is what MatrixOne 4.2.0 was recorded doing. */
export function notEmulated(recorded: string): CompatOutcome {
  return outcome('not-emulated', recorded);
}
