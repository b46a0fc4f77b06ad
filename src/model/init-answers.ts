/**
 * The answers init needs, whether they come from flags, the manifest, prompts or defaults.
 */
import { z } from 'zod';
import { checkRelativeDir, normalizeRelativeDir } from './naming.js';
import { DUAL_DRIVERS, DUAL_IDENTITY_REFUSAL } from './dual.js';
import { CASINGS, DIALECT_CHOICES, DIALECTS, DRIVERS, driversOf, ID_STRATEGIES, keysOf, LAYOUTS, type DriverName } from './options.js';

/** What init offers as --dialect: each SQL dialect, and the dual layout of two (seed 002). */
export const INIT_DIALECTS = {
  ...DIALECT_CHOICES,
  dual: { summary: 'SQLite and PostgreSQL side by side, selected at run time by DB_TYPE (PGlite without a server)', defaultDriver: 'libsql' },
} as const;
export type InitDialect = keyof typeof INIT_DIALECTS;

/** The drivers init accepts with a --dialect answer; a dual layer's --driver chooses its SQLite side. */
export function initDrivers(dialect: InitDialect): DriverName[] {
  return dialect === 'dual' ? [...DUAL_DRIVERS.sqlite] : driversOf(dialect);
}

/** Answers a dual layer cannot take, by answer and value: the one-line error saying what to write instead. */
const DUAL_REFUSED: Record<'layout' | 'idStrategy', Record<string, string>> = {
  layout: {
    file: '--layout file does not fit --dialect dual: each dialect keeps its tables in its own schema folder (schema/sqlite/, schema/postgres/); leave --layout out',
  },
  idStrategy: {
    identity: DUAL_IDENTITY_REFUSAL,
  },
};

export const InitAnswersSchema = z
  .object({
  dialect: z.enum([...DIALECTS, 'dual']),
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
    if (answers.dialect === 'dual') {
      if (!initDrivers('dual').includes(answers.driver)) {
        const message = `--driver ${answers.driver} does not fit --dialect dual: its SQLite side uses --driver ${initDrivers('dual').join(', ')} (asynchronous, like PostgreSQL's drivers) and its PostgreSQL side is auto (PGlite without a server); leave --driver out`;
        ctx.addIssue({ code: 'custom', path: ['driver'], message });
      }
      for (const [path, refused] of Object.entries(DUAL_REFUSED) as [keyof typeof DUAL_REFUSED, Record<string, string>][]) {
        const message = refused[answers[path]];
        if (message) ctx.addIssue({ code: 'custom', path: [path], message });
      }
    } else if (DRIVERS[answers.driver].dialect !== answers.dialect) {
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
