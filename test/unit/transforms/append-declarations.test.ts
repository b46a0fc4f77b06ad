/**
 * appendDeclarations: a new enum or relations block at the end of a central file, with its
 * imports, once.
 */
import { describe, expect, it } from 'vitest';
import { appendDeclarations } from '../../../src/transforms/append-declarations.js';
import { patch } from './harness.js';

const ENUMS = `import { pgEnum } from "drizzle-orm/pg-core"

export const userRole = pgEnum("user_role", ["admin", "member"])
`;

describe('appendDeclarations', () => {
  it('appends after the last declaration and reuses an existing import', async () => {
    const out = await patch('src/db/schema/enums.ts', ENUMS, appendDeclarations({
      code: "export const commentStatus = pgEnum('comment_status', ['visible', 'hidden']);",
      names: ['commentStatus'],
      imports: [{ module: 'drizzle-orm/pg-core', name: 'pgEnum' }],
    }));
    expect(out).toBe(`import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "member"]);

export const commentStatus = pgEnum("comment_status", ["visible", "hidden"]);
`);
  });

  it('adds the imports a relations block needs', async () => {
    const relations = `import { relations } from 'drizzle-orm';\nimport { users } from './users';\n\nexport const usersRelations = relations(users, ({ many }) => ({}));\n`;
    const out = await patch('src/db/schema/relations.ts', relations, appendDeclarations({
      code: 'export const commentsRelations = relations(comments, ({ one }) => ({ author: one(users, { fields: [comments.authorId], references: [users.id] }) }));',
      names: ['commentsRelations'],
      imports: [{ module: 'drizzle-orm', name: 'relations' }, { module: './comments', name: 'comments' }, { module: './users', name: 'users' }],
    }));
    expect(out).toContain('import { comments } from "./comments";');
    expect(out.match(/import \{ users \}/g)).toHaveLength(1);
    expect(out.trimEnd().endsWith('}));')).toBe(true);
  });
});
