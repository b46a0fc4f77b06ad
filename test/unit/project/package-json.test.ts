import { describe, expect, it } from 'vitest';
import { applyScriptOverrides, mergePackageJson } from '../../../src/project/package-json.js';

const patch = {
  name: 'my-app',
  type: 'module' as const,
  scripts: { 'db:generate': 'drizzle-kit generate', 'db:migrate': 'tsx src/db/migrate.ts' },
  dependencies: { 'drizzle-orm': '0.45.4', '@electric-sql/pglite': '0.5.16', pg: '8.23.1' },
  devDependencies: { 'drizzle-kit': '0.31.11', tsx: '4.23.15' },
};

describe('mergePackageJson: new file', () => {
  it('creates a package.json with sorted dependencies, 2-space indent and a trailing newline', () => {
    const { content, conflicts } = mergePackageJson(null, patch);
    expect(conflicts).toEqual([]);
    expect(content).toBe(
      `{
  "name": "my-app",
  "version": "0.0.0",
  "private": true,
  "type": "module",
  "scripts": {
    "db:generate": "drizzle-kit generate",
    "db:migrate": "tsx src/db/migrate.ts"
  },
  "dependencies": {
    "@electric-sql/pglite": "0.5.16",
    "drizzle-orm": "0.45.4",
    "pg": "8.23.1"
  },
  "devDependencies": {
    "drizzle-kit": "0.31.11",
    "tsx": "4.23.15"
  }
}
`,
    );
  });

  it('leaves out name and type when not given', () => {
    const { content } = mergePackageJson(null, { scripts: {}, dependencies: {}, devDependencies: {} });
    expect(Object.keys(JSON.parse(content))).toEqual(['version', 'private', 'scripts', 'dependencies', 'devDependencies']);
  });
});

describe('mergePackageJson: existing file', () => {
  it('keeps key order, appends missing sections and never sets type or name', () => {
    const existing = '{\n  "name": "svc",\n  "main": "index.js",\n  "license": "MIT"\n}\n';
    const { content } = mergePackageJson(existing, patch);
    const data = JSON.parse(content);
    expect(Object.keys(data)).toEqual(['name', 'main', 'license', 'scripts', 'dependencies', 'devDependencies']);
    expect(data.name).toBe('svc');
    expect(data.type).toBeUndefined();
  });

  it('keeps tab indentation and a missing final newline', () => {
    const existing = '{\n\t"name": "svc",\n\t"scripts": {\n\t\t"build": "tsc"\n\t}\n}';
    const { content } = mergePackageJson(existing, patch);
    expect(content).toContain('\n\t"scripts": {\n\t\t"build": "tsc",\n\t\t"db:generate": "drizzle-kit generate",');
    expect(content.endsWith('}')).toBe(true);
    expect(content).not.toMatch(/^ +"/m);
  });

  it('keeps 4-space indentation and CRLF line endings', () => {
    const existing = '{\r\n    "name": "svc",\r\n    "dependencies": {\r\n        "zod": "^3.0.0"\r\n    }\r\n}\r\n';
    const { content } = mergePackageJson(existing, patch);
    expect(content).toContain('\r\n    "dependencies": {\r\n        "@electric-sql/pglite": "0.5.16",\r\n');
    expect(content.endsWith('}\r\n')).toBe(true);
    expect(content.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('reports a script with another command as a conflict and leaves it', () => {
    const existing = JSON.stringify(
      { scripts: { 'db:migrate': 'node migrate.js', 'db:generate': 'drizzle-kit generate' } },
      null,
      2,
    );
    const { content, conflicts } = mergePackageJson(existing, patch);
    expect(conflicts).toEqual(['scripts.db:migrate']);
    expect(JSON.parse(content).scripts['db:migrate']).toBe('node migrate.js');
  });

  it('never touches a dependency the user already has, in any group', () => {
    const existing = JSON.stringify(
      {
        dependencies: { 'drizzle-orm': '^0.30.0' },
        peerDependencies: { pg: '>=8' },
        optionalDependencies: { '@electric-sql/pglite': '0.2.0' },
        devDependencies: { tsx: '^3.0.0' },
      },
      null,
      2,
    );
    const data = JSON.parse(mergePackageJson(existing, patch).content);
    expect(data.dependencies).toEqual({ 'drizzle-orm': '^0.30.0' });
    expect(data.peerDependencies).toEqual({ pg: '>=8' });
    expect(data.optionalDependencies).toEqual({ '@electric-sql/pglite': '0.2.0' });
    expect(data.devDependencies).toEqual({ 'drizzle-kit': '0.31.11', tsx: '^3.0.0' });
  });

  it('does not add a runtime dependency the user has as a devDependency', () => {
    const existing = JSON.stringify({ devDependencies: { pg: '8.0.0' } }, null, 2);
    const data = JSON.parse(mergePackageJson(existing, patch).content);
    expect(Object.keys(data.dependencies)).toEqual(['@electric-sql/pglite', 'drizzle-orm']);
    expect(data.devDependencies.pg).toBe('8.0.0');
  });

  it('sorts a dependency object by name when adding to it', () => {
    const existing = JSON.stringify({ dependencies: { zod: '4.0.0', express: '5.0.0' } }, null, 2);
    const data = JSON.parse(mergePackageJson(existing, patch).content);
    expect(Object.keys(data.dependencies)).toEqual(['@electric-sql/pglite', 'drizzle-orm', 'express', 'pg', 'zod']);
  });

  it('returns the file byte for byte when nothing is missing', () => {
    const existing = '{ "scripts": {"db:migrate": "tsx src/db/migrate.ts"},\n"devDependencies": {"tsx": "1"} }';
    const small = { scripts: { 'db:migrate': 'tsx src/db/migrate.ts' }, dependencies: {}, devDependencies: { tsx: '2' } };
    expect(mergePackageJson(existing, small)).toEqual({ content: existing, conflicts: [] });
  });

  it('is idempotent', () => {
    const existing = '{\n    "name": "svc",\n    "scripts": { "db:migrate": "other" }\n}';
    const once = mergePackageJson(existing, patch);
    const twice = mergePackageJson(once.content, patch);
    expect(twice.content).toBe(once.content);
    expect(twice.conflicts).toEqual(once.conflicts);
    expect(mergePackageJson(null, patch).content).toBe(mergePackageJson(mergePackageJson(null, patch).content, patch).content);
  });

  it('explains invalid JSON', () => {
    expect(() => mergePackageJson('{ "name": "svc", }', patch)).toThrowError(
      /^package\.json is not valid JSON: .+\. Fix it and run again\.$/,
    );
  });

  it('rejects a package.json that is not an object, or a scripts field that is not one', () => {
    expect(() => mergePackageJson('[]', patch)).toThrowError(/package\.json is not valid JSON/);
    expect(() => mergePackageJson('{"scripts": "x"}', patch)).toThrowError(/"scripts" must be an object/);
  });
});

describe('applyScriptOverrides', () => {
  it('overwrites conflicting scripts in place and keeps the formatting', () => {
    const existing = '{\n\t"scripts": {\n\t\t"db:migrate": "node migrate.js",\n\t\t"build": "tsc"\n\t}\n}\n';
    const result = applyScriptOverrides(existing, patch.scripts);
    expect(result).toBe(
      '{\n\t"scripts": {\n\t\t"db:migrate": "tsx src/db/migrate.ts",\n\t\t"build": "tsc",\n\t\t"db:generate": "drizzle-kit generate"\n\t}\n}\n',
    );
    expect(applyScriptOverrides(result, patch.scripts)).toBe(result);
  });

  it('leaves a file without conflicts unchanged', () => {
    const existing = mergePackageJson(null, patch).content;
    expect(applyScriptOverrides(existing, patch.scripts)).toBe(existing);
  });
});
