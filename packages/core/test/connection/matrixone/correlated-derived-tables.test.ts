import { describe, expect, it } from 'vitest';
import { correlatedDerivedTableAt } from '../../../src/connection/matrixone/correlated-derived-tables.js';
import { refusalOnMatrixOne } from '../../../src/connection/matrixone/refused-statements.js';
import { sqlTokens } from '../../../src/connection/matrixone/sql-tokens.js';

/** The outer reference found, as written (`posts.user_id`), or `undefined`. */
function outerReference(sql: string): string | undefined {
  const tokens = sqlTokens(sql);
  const at = correlatedDerivedTableAt(tokens);
  if (at < 0) return undefined;
  return sql.slice((tokens[at] as { start: number }).start, (tokens[at + 2] as { end: number }).end);
}

describe('derived tables naming a table of an enclosing query (MatrixOne errno 20102)', () => {
  it("finds the recorded Drizzle one-relation (mode planetscale) and the compat suites' statements", () => {
    expect(
      outerReference(
        'select `id`, `user_id`, `title`, (select json_array(`email`) from (select * from `users` `posts_user` where `posts_user`.`id` = `posts`.`user_id` limit 1) `posts_user`) as `user` from `posts` `posts`',
      ),
    ).toBe('`posts`.`user_id`');
    expect(
      outerReference(
        'SELECT title, (SELECT email FROM (SELECT email FROM users WHERE users.id = posts.user_id LIMIT 1) AS author) AS email FROM posts',
      ),
    ).toBe('posts.user_id');
    // Knex: `knex('posts').select('title', knex.select('email').from(derived).as('email'))`, values inlined.
    expect(
      outerReference(
        'select `title`, (select `email` from (select * from `users` where `users`.`id` = `posts`.`user_id` limit 1) as `author`) as `email` from `posts`',
      ),
    ).toBe('`posts`.`user_id`');
  });

  it('finds outer references however the outer table is named, and wherever they stand in the derived table', () => {
    const found = [
      // alias with AS, without AS, quoted, qualified table, other case
      'select (select n from (select 1 as n from t where t.a = p.b) d) from posts as p',
      'select (select n from (select 1 as n from t where t.a = p.b) d) from posts p',
      'select (select n from (select 1 as n from t where t.a = `p`.b) d) from posts `p`',
      'select (select n from (select 1 as n from t where t.a = posts.b) d) from shop.posts',
      'select (select n from (select 1 as n from t where t.a = POSTS.b) d) from Posts',
      // in the derived table's select list, in a join condition, in a function call, as `x.*`
      'select (select n from (select p.b as n from t) d) from posts p',
      'select (select n from (select t.n from t join u on u.id = t.id and u.k = p.k) d) from posts p',
      'select (select n from (select 1 as n from t where coalesce(t.a, p.b) > 0) d) from posts p',
      // LEFT( and RIGHT( in a join condition are functions, not joins
      'select (select n from (select t.n from t join u on left(u.a, 1) = right(t.a, 1) where t.a = p.b) d) from posts p',
      'select (select n from (select p.* from t) d) from posts p',
      // in a subquery inside the derived table that does not define the name either
      'select (select n from (select 1 as n from t where exists (select 1 from u where u.a = p.b)) d) from posts p',
      // the derived table in a JOIN or after a comma of the scalar subquery's FROM clause
      'select (select 1 from u join (select * from t where t.a = p.b) d on d.a = u.a) from posts p',
      'select (select 1 from u, (select * from t where t.a = p.b) d) from posts p',
      // in WHERE / HAVING of the outer query, and nested derived tables
      'select * from posts p where exists (select 1 from (select * from t where t.a = p.b) d)',
      'select (select 1 from (select * from (select * from t where t.a = p.b) d2) d1) from posts p',
      // an outer query that is itself a derived table
      'select * from (select (select 1 from (select * from t where t.a = p.b) d) as x from posts p) q',
    ];
    for (const sql of found) expect(outerReference(sql), sql).toMatch(/^`?p(?:osts)?`?\.(?:\w+|\*)$/i);
  });

  it('leaves derived tables that name only their own tables, and subqueries outside FROM, which MatrixOne runs', () => {
    const left = [
      // Drizzle's many-relation in mode planetscale: a correlated subquery in the select list
      'select `users`.`id`, coalesce((select json_arrayagg(json_array(`users_posts`.`id`)) from `posts` `users_posts` where `users_posts`.`user_id` = `users`.`id`), json_array()) as `posts` from `users` `users`',
      'select * from posts p where p.user_id in (select u.id from users u where u.name = p.author)',
      'select * from posts p where exists (select 1 from users u where u.id = p.user_id)',
      // uncorrelated derived tables, the same alias inside and outside
      'select d.n from (select p.id as n from posts p) d',
      'select (select n from (select p.id as n from posts p) d) from posts p',
      'select * from posts p join (select u.id from users u) d on d.id = p.user_id',
      'select * from (select * from (select t.a from t) d2 where d2.a > 0) d1',
      // a subquery inside the derived table that defines the name itself
      'select (select n from (select 1 as n from t where exists (select 1 from posts p where p.b = t.a)) d) from posts p',
      // qualified names that are not column references: db.table, three parts, functions, variables
      'select (select 1 from (select * from p.t) d) from posts p',
      'select (select 1 from (select * from t where p.x.y = 1) d) from posts p',
      'select (select 1 from (select p.f(t.a) from t) d) from posts p',
      'select (select 1 from (select @@p.x from t) d) from posts p',
      // look-alikes in strings, quoted names and comments
      "select (select 1 from (select 'p.b' from t) d) from posts p",
      'select (select 1 from (select `p.b` from t) d) from posts p',
      'select (select 1 from (select 1 /* p.b */ from t -- p.b\n) d) from posts p',
      'select (select 1 from (select 1 # p.b\n from t) d) from posts p',
      // no SELECT, or no derived table
      'update posts p set x = 1 where p.id = 2',
      'select p.a from posts p',
    ];
    for (const sql of left) expect(outerReference(sql), sql).toBeUndefined();
  });

  it('does not count what it cannot be sure of', () => {
    const unsure = [
      // a derived table naming the other tables of its own FROM clause (MySQL: unknown column without LATERAL)
      'select * from posts p, (select * from users u where u.id = p.user_id) d',
      'select * from posts p join (select * from users u where u.id = p.user_id) d on true',
      // UNION / WITH inside the derived table or around it
      'select (select 1 from (select a from t union select a from u where u.a = p.b) d) from posts p',
      'select (select 1 from (with c as (select 1) select * from c where c.a = p.b) d) from posts p',
      'with p as (select 1 as b) select (select 1 from (select * from t where t.a = p.b) d) from p',
      'select (select 1 from (select * from t where t.a = p.b) d) from posts p union select 1',
      // FROM clauses not read to the end: index hints, partitions, parenthesised joins
      'select (select 1 from (select * from t use index (i) where t.a = p.b) d) from posts p',
      'select (select 1 from (select * from t partition (p0) where t.a = p.b) d) from posts p',
      'select (select 1 from (select * from (t join u on u.a = t.a) where t.a = p.b) d) from posts p',
      // a statement around that is not a SELECT (the name may be its target), unbalanced parentheses
      'update posts p set x = (select 1 from (select * from t where t.a = p.b) d)',
      'select (select 1 from (select * from t where t.a = p.b) d from posts p',
      // a name no query defines
      'select (select 1 from (select * from t where t.a = q.b) d) from posts p',
    ];
    for (const sql of unsure) expect(outerReference(sql), sql).toBeUndefined();
  });

  it('refuses it before sending, saying what to do', () => {
    const refusal = refusalOnMatrixOne(
      'select `id`, (select json_array(`email`) from (select * from `users` `posts_user` where `posts_user`.`id` = `posts`.`user_id` limit 1) `posts_user`) as `user` from `posts` `posts`',
      'MatrixOne 4.2.0',
    );
    expect(refusal).toMatchObject({ name: 'UnsupportedServerError', server: 'MatrixOne 4.2.0' });
    expect(refusal?.message).toContain('near "`posts`.`user_id`"');
    expect(refusal?.message).toMatch(/20102/);
    expect(refusal?.message).toMatch(/leftJoin\(users/);
    expect(refusal?.message).toMatch(/`many` relation in mode "planetscale"/);
  });
});
