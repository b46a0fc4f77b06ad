/**
 * The table questions, as data, and the terminal prompts of `create-db-layer table` (no name, in a
 * terminal). The plop generator asks the same questions through plop's inquirer.
 */
import { checkName, parseField, parseFields, type Field } from '../../src/model/fields.js';
import { ID_STRATEGIES } from '../../src/model/options.js';
import type { TableAnswers } from './run.js';

/** A validator in inquirer's shape: true, or the message to show. */
export function validateTableName(value: string): true | string {
  try {
    checkName(value.trim(), 'table');
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

/** An empty answer ends the field list. */
export function validateField(value: string, previous: readonly Field[]): true | string {
  if (value.trim() === '') return true;
  try {
    parseFields([...previous.map((field) => field.source), value.trim()]);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

export const TABLE_QUESTIONS = {
  name: 'Table name (plural, e.g. posts)',
  field: 'Field as name:type[:modifier…] (e.g. title:text:notNull), empty to finish',
  idStrategy: 'Primary key',
  timestamps: 'Add createdAt / updatedAt?',
  seed: 'Write an idempotent seed for it?',
};

export const ID_CHOICES = Object.entries(ID_STRATEGIES).map(([value, { summary }]) => ({ value, name: `${value}: ${summary}` }));

export async function askTable(defaultId: string): Promise<TableAnswers> {
  const { confirm, input, select } = await import('@inquirer/prompts');
  const name = (await input({ message: TABLE_QUESTIONS.name, validate: validateTableName })).trim();
  const fields: Field[] = [];
  for (;;) {
    const answer = (await input({ message: TABLE_QUESTIONS.field, validate: (value) => validateField(value, fields) })).trim();
    if (answer === '') break;
    fields.push(parseField(answer));
  }
  const idStrategy = await select({ message: TABLE_QUESTIONS.idStrategy, choices: ID_CHOICES, default: defaultId }) as TableAnswers['idStrategy'];
  const timestamps = await confirm({ message: TABLE_QUESTIONS.timestamps, default: true });
  const seed = await confirm({ message: TABLE_QUESTIONS.seed, default: false });
  return { name, fields, idStrategy, timestamps, seed };
}
