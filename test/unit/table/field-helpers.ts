/**
 * Helpers shared by the field-syntax unit tests (fields.test.ts, fields-bad-input.test.ts).
 */
import { expect } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { FieldError, type Field } from '../../../src/model/fields.js';

/** The parts of a Field a test cares about, with the flags defaulted. */
export function field(partial: Partial<Field> & Pick<Field, 'name' | 'type'>): Partial<Field> {
  return { notNull: false, unique: false, index: false, pk: false, ...partial };
}

/** Runs `run`, expecting a one-line FieldError (a usage error, exit code 2) whose message holds every fragment. */
export function fieldError(run: () => unknown, ...fragments: string[]): string {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a FieldError').toBeInstanceOf(FieldError);
  const error = thrown as FieldError;
  expect(error).toBeInstanceOf(UsageError);
  expect(error.exitCode).toBe(2);
  expect(error.message, 'one line').not.toMatch(/[\r\n]/);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error.message;
}
