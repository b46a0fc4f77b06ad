/**
 * The answers init needs, whether they come from flags, the manifest, prompts or defaults.
 */
import { z } from 'zod';
import { checkRelativeDir, normalizeRelativeDir } from './naming.js';
import { CASINGS, DIALECTS, DRIVERS, driversOf, ID_STRATEGIES, keysOf, LAYOUTS } from './options.js';

export const InitAnswersSchema = z
  .object({
  dialect: z.enum(DIALECTS),
  driver: z.enum(keysOf(DRIVERS)),
  dbDir: z
    .string()
    .superRefine((value, ctx) => {
      const problem = checkRelativeDir(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `--db-dir ${problem}` });
    })
    .transform(normalizeRelativeDir),
  layout: z.enum(keysOf(LAYOUTS)),
  casing: z.enum(keysOf(CASINGS)),
  idStrategy: z.enum(keysOf(ID_STRATEGIES)),
  })
  // A driver speaks one dialect: `--dialect sqlite --driver pg` names the drivers that fit.
  .superRefine((answers, ctx) => {
    if (DRIVERS[answers.driver].dialect !== answers.dialect) {
      const fitting = driversOf(answers.dialect).join(', ');
      ctx.addIssue({ code: 'custom', path: ['driver'], message: `--driver ${answers.driver} is a ${DRIVERS[answers.driver].dialect} driver; with --dialect ${answers.dialect} use --driver ${fitting}` });
    }
  });

export type InitAnswers = z.infer<typeof InitAnswersSchema>;

export const INIT_DEFAULTS: InitAnswers = {
  dialect: 'postgresql',
  driver: 'auto',
  dbDir: 'src/db',
  layout: 'folder',
  casing: 'snake_case',
  idStrategy: 'uuid',
};
