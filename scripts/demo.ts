/**
 * `npm run demo [-- <dir>]`: the main job, end to end, on the embedded default (PGlite, no
 * server): scaffold a layer into a new folder with a real install, add two related tables with
 * seeds, generate and apply migrations, seed twice, and query with relations.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-info.js';

const target = process.argv[2] ? resolve(process.argv[2]) : join(mkdtempSync(join(tmpdir(), 'create-db-layer-demo-')), 'app');
if (existsSync(target) && readdirSync(target).length > 0) {
  console.error(`demo: ${target} is not empty; give a new folder: npm run demo -- <dir>`);
  process.exit(1);
}
// The embedded default: no server configured.
const env = { ...process.env, DATABASE_URL: '', DB_HOST: '' };

function step(title: string, command: string, args: string[], cwd = target): void {
  console.log(`\n$ ${[command, ...args].join(' ')}   # ${title}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`demo: "${title}" failed (exit ${result.status})`);
    process.exit(1);
  }
}

step('scaffold the layer and install it', process.execPath, [join(PACKAGE_ROOT, 'dist/src/cli.js'), target, '--yes'], PACKAGE_ROOT);
step('add users', 'npx', ['create-db-layer', 'table', 'users', 'name:text:notNull', 'email:varchar(255):notNull:unique', '--seed']);
step('add posts', 'npx', [
  'create-db-layer',
  'table',
  'posts',
  'title:varchar(200):notNull:index',
  'status:enum(draft|published):default=draft',
  'author:references:ref=users:onDelete=cascade',
  '--seed',
]);
step('apply the migrations to PGlite', 'npm', ['run', 'db:migrate']);
step('seed', 'npm', ['run', 'db:seed']);
step('seed again (idempotent)', 'npm', ['run', 'db:seed']);

writeFileSync(
  join(target, 'demo-query.ts'),
  `import { closeDatabaseConnection, getDatabase } from './src/db/connection';

const posts = await getDatabase().query.posts.findMany({ with: { author: true }, orderBy: (post, { asc }) => asc(post.title) });
for (const post of posts) console.log(\`\${post.title} [\${post.status}] by \${post.author?.name}\`);
console.log(\`\${posts.length} posts\`);
await closeDatabaseConnection();
`,
);
step('query posts with their authors', 'npx', ['tsx', 'demo-query.ts']);
console.log(`\n✓ demo done in ${target}`);
