import { AlertVerificationError } from '../src/alert-verification-error.js';

/** The AlertVerificationError `run` throws (tests); fails when it throws nothing or something else. */
export function failureOf(run: () => unknown): AlertVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof AlertVerificationError) return error;
    throw error;
  }
  throw new Error('expected an AlertVerificationError');
}
