/**
 * missingEnvHint: the line that says which variable a drizzle config stopped on, only when it is
 * unset here and drizzle-kit's output names it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { missingEnvHint } from '../../../src/drizzle/kit.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('missingEnvHint', () => {
  it('names an unset variable the output mentions, with the fix', () => {
    delete process.env.CDL_TEST_URL;
    expect(missingEnvHint('drizzle.config.ts', ['CDL_TEST_URL', 'OTHER'], "Reading config file\nError: CDL_TEST_URL is not set")).toBe(
      '. drizzle.config.ts needs CDL_TEST_URL, which is not set here: drizzle-kit generate never connects, so any value will do (CDL_TEST_URL=… before the command, or in the .env the config loads), or pass --no-generate',
    );
  });

  it('says nothing when the variable is set, or the output is about something else', () => {
    process.env.CDL_TEST_URL = 'postgres://x';
    expect(missingEnvHint('drizzle.config.ts', ['CDL_TEST_URL'], 'CDL_TEST_URL is not set')).toBe('');
    delete process.env.CDL_TEST_URL;
    expect(missingEnvHint('drizzle.config.ts', ['CDL_TEST_URL'], "Cannot find module './schema'")).toBe('');
    expect(missingEnvHint('drizzle.config.ts', [], 'CDL_TEST_URL is not set')).toBe('');
  });
});
