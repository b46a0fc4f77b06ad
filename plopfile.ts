/**
 * The package's plop entry (package.json `main`): a scaffolded repo's plopfile calls
 * `plop.load('create-db-layer')`, which registers these generators there. Each generator asks
 * its questions through plop's inquirer, then runs ONE custom action that plans and applies
 * the same change as the CLI command (never a chain of add/modify actions).
 */
import type { NodePlopAPI } from 'plop';
import type { Io } from './src/command.js';

type Inquirer = { prompt(questions: object[]): Promise<Record<string, unknown>> };

/** plop has no flags: in a script, the CLI command is the way. */
function requireTerminal(generator: string, cli: string): void {
  if (!process.stdin.isTTY) {
    throw new Error(`plop ${generator} asks questions and stdin is not a terminal: in scripts run "${cli}" instead`);
  }
}

function collectingIo(root: string, lines: string[]): Io {
  return {
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    env: process.env,
    cwd: root,
    stdinIsTTY: false,
    stdoutIsTTY: false,
  };
}

async function askTable(inquirer: Inquirer): Promise<Record<string, unknown>> {
  requireTerminal('table', 'create-db-layer table <name> [name:type[:modifier…] …]');
  const { TABLE_QUESTIONS, ID_CHOICES, validateField, validateTableName } = await import('./generators/table/prompts.js');
  const { parseField } = await import('./src/model/fields.js');
  const { name } = await inquirer.prompt([{ type: 'input', name: 'name', message: TABLE_QUESTIONS.name, validate: validateTableName }]);
  const fields: ReturnType<typeof parseField>[] = [];
  for (;;) {
    const { field } = await inquirer.prompt([
      { type: 'input', name: 'field', message: TABLE_QUESTIONS.field, validate: (value: string) => validateField(value, fields) },
    ]);
    if (String(field).trim() === '') break;
    fields.push(parseField(String(field).trim()));
  }
  const rest = await inquirer.prompt([
    { type: 'list', name: 'idStrategy', message: TABLE_QUESTIONS.idStrategy, choices: ID_CHOICES },
    { type: 'confirm', name: 'timestamps', message: TABLE_QUESTIONS.timestamps, default: true },
    { type: 'confirm', name: 'seed', message: TABLE_QUESTIONS.seed, default: false },
  ]);
  return { name: String(name).trim(), fields, ...rest };
}

type Manifest = import('./src/model/manifest.js').Manifest;
type OwnedDatabase = import('./src/model/manifest.js').OwnedDatabase;
type Tree = import('./src/plan/index.js').Tree;

/**
 * The body of every custom action: the repo's tree and manifest (primary database), the
 * command's own execute function, and the ✓ lines it printed as plop's one-line result.
 */
async function applyInRepo(
  plop: NodePlopAPI,
  generator: string,
  execute: (tree: Tree, context: { manifest: Manifest; database: OwnedDatabase }, io: Io) => Promise<void>,
): Promise<string> {
  (await import('./src/transforms/load-ts-morph.js')).primeTypeScriptCache();
  const [{ Tree }, { requireManifest, selectOwnedDatabase }] = await Promise.all([import('./src/plan/index.js'), import('./src/project/manifest.js')]);
  const tree = new Tree(plop.getDestBasePath());
  const manifest = requireManifest(tree, `plop ${generator}`);
  const lines: string[] = [];
  await execute(tree, { manifest, database: selectOwnedDatabase(manifest, undefined, generator) }, collectingIo(tree.root, lines));
  return lines.filter((line) => line.startsWith('✓')).join('; ');
}

export default function createDbLayerGenerators(plop: NodePlopAPI): void {
  plop.setActionType('create-db-layer:table', (answers) =>
    applyInRepo(plop, 'table', async (tree, context, io) => {
      const { executeTable } = await import('./generators/table/run.js');
      await executeTable(tree, answers as never, { ...context, dryRun: false, force: false, generate: true }, io);
    }),
  );
  plop.setGenerator('table', {
    description: 'add a table: schema file, barrel, relations, optional seed, then drizzle-kit generate',
    prompts: askTable as never,
    actions: [{ type: 'create-db-layer:table' }],
  });

  plop.setActionType('create-db-layer:seed', (answers) =>
    applyInRepo(plop, 'seed', async (tree, context, io) => {
      const { executeSeed } = await import('./generators/seed/run.js');
      await executeSeed(tree, { ...context, table: String(answers.table), dryRun: false, force: false }, io);
    }),
  );
  plop.setGenerator('seed', {
    description: 'add an idempotent seed for a table and register it in seed.ts',
    prompts: (async (inquirer: Inquirer) => {
      requireTerminal('seed', 'create-db-layer seed <table>');
      return inquirer.prompt([{ type: 'input', name: 'table', message: 'Table to seed (e.g. posts)' }]);
    }) as never,
    actions: [{ type: 'create-db-layer:seed' }],
  });

  plop.setActionType('create-db-layer:connection', (answers) =>
    applyInRepo(plop, 'connection', async (tree, { manifest }, io) => {
      const [{ executeConnection }, { upstreamFromFlag }] = await Promise.all([import('./generators/connection/run.js'), import('./generators/sync/plan.js')]);
      const upstream = answers.owner === 'mirror' ? upstreamFromFlag(tree.root, tree.root, String(answers.upstream).trim()) : undefined;
      await executeConnection(tree, manifest, { name: String(answers.name).trim(), upstream, force: false }, { dryRun: false }, io);
    }),
  );
  plop.setGenerator('connection', {
    description: 'add a database: owned here (migrations, scripts) or a read-only mirror of an upstream schema',
    prompts: (async (inquirer: Inquirer) => {
      requireTerminal('connection', 'create-db-layer connection <name> [--mirror <dir>]');
      const { name } = await inquirer.prompt([{ type: 'input', name: 'name', message: 'Database name (e.g. workflows)' }]);
      const { owner } = await inquirer.prompt([
        {
          type: 'list',
          name: 'owner',
          message: 'Who owns its schema?',
          choices: [
            { value: 'owned', name: 'this repo: migrations generated and applied here' },
            { value: 'mirror', name: 'an upstream repo: copied in by sync, read-only' },
          ],
        },
      ]);
      if (owner !== 'mirror') return { name, owner };
      const { upstream } = await inquirer.prompt([{ type: 'input', name: 'upstream', message: 'Upstream schema folder (e.g. ../webapp/src/db/schema)' }]);
      return { name, owner, upstream };
    }) as never,
    actions: [{ type: 'create-db-layer:connection' }],
  });

  // No questions: the guides are written from the repo as it is.
  plop.setActionType('create-db-layer:agents', () =>
    applyInRepo(plop, 'agents', async (tree, { manifest }, io) => {
      const [{ planGuides }, { commitPlan }] = await Promise.all([import('./src/agents/guide.js'), import('./src/command.js')]);
      await planGuides(tree, manifest);
      const result = await commitPlan(tree, { dryRun: false, force: false, conflicts: [] }, io);
      io.out(result === 'up-to-date' ? '✓ the AGENTS.md guides are up to date' : '✓ AGENTS.md guides written');
    }),
  );
  plop.setGenerator('agents', {
    description: 'write or refresh the AGENTS.md guides from the repo',
    prompts: [],
    actions: [{ type: 'create-db-layer:agents' }],
  });
}
