/**
 * Filling an answer the user did not give as a flag: the default under --yes, a prompt in a
 * terminal, and otherwise an error naming the flag (a non-interactive run never hangs).
 */
import { UsageError } from './errors.js';

export interface AnswerMode {
  yes: boolean;
  interactive: boolean;
}

export interface Choice<T extends string> {
  flag: string;
  message: string;
  choices: Record<T, { summary: string }>;
  fallback: T;
}

export function answerMode(yes: boolean, io: { stdinIsTTY: boolean; stdoutIsTTY: boolean }): AnswerMode {
  return { yes, interactive: !yes && io.stdinIsTTY && io.stdoutIsTTY };
}

export async function choose<T extends string>(question: Choice<T>, mode: AnswerMode): Promise<T> {
  const values = Object.keys(question.choices) as T[];
  if (mode.yes || values.length === 1) return question.fallback;
  if (!mode.interactive) throw notInteractive(question.flag, values.join('|'));
  const { select } = await import('@inquirer/prompts');
  return select<T>({
    message: question.message,
    default: question.fallback,
    choices: values.map((value) => ({ value, name: value, description: question.choices[value].summary })),
  });
}

export async function ask(
  question: { flag: string; message: string; fallback: string; validate?: (value: string) => string | undefined },
  mode: AnswerMode,
): Promise<string> {
  if (mode.yes) return question.fallback;
  if (!mode.interactive) throw notInteractive(question.flag, 'value');
  const { input } = await import('@inquirer/prompts');
  return input({
    message: question.message,
    default: question.fallback,
    validate: (value) => question.validate?.(value) ?? true,
  });
}

function notInteractive(flag: string, values: string): UsageError {
  return new UsageError(
    `--${flag} is needed: stdin is not a terminal, so create-db-layer cannot ask. Pass --${flag} <${values}>, or --yes to accept the defaults`,
  );
}
