/**
 * Semantic search, written once and run on every ORM: documents with embeddings the example computes itself (a
 * deterministic bag-of-words hash, no model download), written and read as arrays through the ORM's vector column,
 * an IVF-flat index (it sees new rows at once, so nothing waits on HNSW's asynchronous build), a top-k search, a
 * filtered search, the ORM's own query ordered by distance, a full-text search, and a snapshot + clone of the
 * indexed table showing the index comes along. On another server the MatrixOne steps report "needs MatrixOne".
 */
import {
  type MatrixOneClient,
  ServerFlavor,
  SnapshotLevel,
  assertMatrixOne,
  createClient,
  vectorColumnType,
} from '@matrixone/core';
import { createDatabase, dropAll } from '../support/cleanup.js';
import type { Example } from '../support/example.js';
import { uniqueSuffix } from '../support/server.js';

/** Dimension of the example's embeddings. */
export const DIMENSION = 16;

/** One document of the example's corpus. */
export interface Doc {
  readonly id: number;
  readonly topic: 'databases' | 'cooking' | 'travel';
  readonly title: string;
  readonly body: string;
}

/** A document with its embedding, as the ORM writes it. */
export interface EmbeddedDoc extends Doc {
  readonly embedding: number[];
}

const CORPUS: readonly Doc[] = [
  {
    id: 1,
    topic: 'databases',
    title: 'Vector indexes',
    body: 'vector index search nearest neighbours database',
  },
  { id: 2, topic: 'databases', title: 'Snapshots', body: 'snapshot restore database backup clone' },
  { id: 3, topic: 'databases', title: 'Full text search', body: 'full text index search words database' },
  { id: 4, topic: 'cooking', title: 'Bread', body: 'flour water salt yeast bread oven' },
  { id: 5, topic: 'cooking', title: 'Soup', body: 'vegetable soup water salt pot' },
  { id: 6, topic: 'cooking', title: 'Search for spices', body: 'spices search market pepper salt' },
  { id: 7, topic: 'travel', title: 'Trains', body: 'train ticket station journey' },
  { id: 8, topic: 'travel', title: 'Nearest beaches', body: 'beach sea nearest sand journey' },
];

/**
 * A deterministic embedding: each word adds ±1 to the coordinate its FNV-1a hash picks, then the vector is
 * normalised. Texts sharing words end up close under cosine distance; enough for an example, not a model.
 */
export function embed(text: string): number[] {
  const vector = new Array<number>(DIMENSION).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    let hash = 0x811c9dc5;
    for (const char of word) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    vector[hash % DIMENSION] = (vector[hash % DIMENSION] ?? 0) + (hash & 0x100 ? 1 : -1);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

/** What the scenario needs from one ORM, connected to one database through its adapter. */
export interface SemanticSearchOrm {
  /** The SDK client from the ORM's adapter (`matrixone(orm)`), on the ORM's pool. */
  readonly mo: Pick<
    MatrixOneClient,
    'execute' | 'vectors' | 'fulltext' | 'snapshots' | 'clones' | 'serverInfo'
  >;
  /** Writes the documents through the ORM: embeddings as arrays through its vector column type. */
  insert(docs: readonly EmbeddedDoc[]): Promise<void>;
  /** Reads one document's embedding back through the ORM (an array again). */
  embeddingOf(id: number): Promise<ArrayLike<number>>;
  /** The `k` nearest ids by the ORM's own query, ordered by cosine distance to `query`. */
  nearest(query: readonly number[], k: number): Promise<number[]>;
  /** Closes the ORM. */
  close(): Promise<void>;
}

/** The semantic-search example for one ORM; `open` connects the ORM to a database of the server at `url`. */
export function semanticSearchExample(
  orm: string,
  open: (url: string, database: string) => Promise<SemanticSearchOrm>,
): Example {
  return {
    title: `${orm}: semantic search`,
    async run(report, url) {
      const database = `example_semantic_${orm.toLowerCase()}_${uniqueSuffix()}`;
      const snapshot = `${database}_snap`;
      const admin = createClient(url);
      await createDatabase(admin, database);
      const kit = await open(url, database);
      try {
        const onMatrixOne = (await kit.mo.serverInfo()).flavor === ServerFlavor.MatrixOne;
        // On another server a TEXT column stands for the vector column: the ORM's vector type writes the same text.
        const embeddingType = onMatrixOne ? vectorColumnType(DIMENSION) : 'TEXT';
        await report.step(`create docs with an embedding ${embeddingType} column`, () =>
          kit.mo.execute(
            `CREATE TABLE docs (id BIGINT PRIMARY KEY, topic VARCHAR(20), title VARCHAR(100), body TEXT, embedding ${embeddingType})`,
          ),
        );
        const docs = CORPUS.map((doc) => ({ ...doc, embedding: embed(`${doc.title} ${doc.body}`) }));
        await report.step(`write ${docs.length} documents with their embeddings through ${orm}`, () =>
          kit.insert(docs),
        );
        const readBack = Array.from(await kit.embeddingOf(1));
        const written = docs[0]?.embedding ?? [];
        report.check(
          readBack.length === DIMENSION &&
            readBack.every((value, index) => Math.abs(value - (written[index] ?? Number.NaN)) < 1e-6),
          `document 1's embedding reads back as an array of ${DIMENSION} numbers (float32-rounded)`,
        );

        const question = embed('nearest vector search');
        const indexed = await report.matrixOneStep('create an IVF-flat index on the embeddings', () =>
          kit.mo.vectors.createIndex({
            name: 'docs_embedding',
            table: { database, table: 'docs' },
            column: 'embedding',
            algorithm: 'ivfflat',
            lists: 2,
            opType: 'vector_cosine_ops',
          }),
        );
        const search = (where?: { topic: string }) =>
          kit.mo.vectors.search<{ id: number; title: string }>({
            table: { database, table: 'docs' },
            column: 'embedding',
            vector: question,
            distance: 'cosine',
            k: 3,
            columns: ['id', 'title'],
            dimension: DIMENSION,
            ...(where && { where }),
          });
        const describeHits = (hits: readonly { row: { title: string }; distance: number }[]) =>
          hits.map((hit) => `${hit.row.title} (${hit.distance.toFixed(3)})`).join(', ');
        const top = await report.matrixOneStep(
          'top-3 documents nearest to "nearest vector search"',
          () => search(),
          describeHits,
        );
        if (top) report.check(top[0]?.row.id === 1, 'the vector-index document comes first');
        const filtered = await report.matrixOneStep(
          'the same search among cooking documents only',
          () => search({ topic: 'cooking' }),
          describeHits,
        );
        if (filtered) {
          report.check(
            filtered.every((hit) => CORPUS.find((doc) => doc.id === Number(hit.row.id))?.topic === 'cooking'),
            'every hit is a cooking document',
          );
        }
        const ormNearest = await report.matrixOneStep(
          `${orm}'s own query ordered by cosine_distance`,
          async () => {
            // The ORM's query sends cosine_distance itself: MatrixOne's function, so say so before sending.
            assertMatrixOne(await kit.mo.serverInfo(), `${orm} ordered by cosine_distance`);
            return kit.nearest(question, 3);
          },
          (ids) => `ids ${ids.join(', ')}`,
        );
        if (ormNearest && top) {
          report.check(
            ormNearest.join() === top.map((hit) => Number(hit.row.id)).join(),
            "the ORM's order matches the SDK's search",
          );
        }
        const fullText = await report.matrixOneStep(
          'full-text index on the bodies, then search "search"',
          async () => {
            await kit.mo.fulltext.createIndex({
              name: 'docs_body',
              table: { database, table: 'docs' },
              columns: ['body'],
            });
            return kit.mo.fulltext.search<{ id: number }>({
              table: { database, table: 'docs' },
              columns: ['body'],
              query: 'search',
              select: ['id'],
            });
          },
          (hits) => `ids ${hits.map((hit) => hit.row.id).join(', ')}`,
        );
        if (fullText) {
          report.check(
            [1, 3, 6].every((id) => fullText.some((hit) => Number(hit.row.id) === id)),
            'the three documents with the word "search" are found',
          );
        }
        if (!indexed) {
          report.notRun("snapshot the table, clone it at the snapshot, list the clone's indexes");
          return;
        }
        await report.step(`snapshot docs, clone it at ${snapshot} into docs_copy`, async () => {
          await kit.mo.snapshots.create({
            name: snapshot,
            level: SnapshotLevel.Table,
            database,
            table: 'docs',
          });
          await kit.mo.clones.table(
            { database, table: 'docs_copy' },
            { database, table: 'docs' },
            { snapshot },
          );
        });
        const copied = await report.step(
          "the clone's vector indexes",
          () => kit.mo.vectors.listIndexes({ database, table: 'docs_copy' }),
          (indexes) => indexes.map((index) => `${index.name} (${index.algorithm})`).join(', ') || 'none',
        );
        // Not in MatrixOne's recorded answers: this step shows what the server does.
        report.check(
          copied.some((index) => index.column === 'embedding'),
          'the clone has the vector index too',
        );
      } finally {
        await kit.close();
        await dropAll(admin, { databases: [database], snapshots: [snapshot] });
        await admin.close();
      }
    },
  };
}
