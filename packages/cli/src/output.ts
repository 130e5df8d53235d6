/**
 * Everything the CLI writes goes through here: results on stdout (a table or text, or one JSON document with
 * `--json`), progress and errors on stderr, every line passed through the {@link Redactor} first.
 */
import Table from 'cli-table3';
import { Redactor } from './redactor.js';

/** A stream the CLI writes to (`process.stdout`, or a test's collector). */
export interface OutputStream {
  write(text: string): unknown;
  /** Set on terminals: progress then redraws its line instead of printing a line per step. */
  readonly isTTY?: boolean;
}

/** One table: column titles and rows of cells, already as text. */
export interface TableData {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The CLI's output channels. */
export class Output {
  /** Hides the connection's password (and any URL password) in everything written. */
  readonly redactor = new Redactor();

  constructor(
    readonly stdout: OutputStream,
    readonly stderr: OutputStream,
    /** `--json`: results are one JSON document on stdout, errors one on stderr. */
    readonly json: boolean,
  ) {}

  /**
   * Writes a command's result: `data` as JSON with `--json`, else what `human` returns (text or a table).
   *
   * @example
   * output.result(snapshots, () => ({ head: ['name'], rows: snapshots.map((s) => [s.name]) }));
   */
  result(data: unknown, human: () => string | TableData): void {
    if (this.json) {
      this.#write(this.stdout, `${JSON.stringify(data, jsonValue, 2)}\n`);
      return;
    }
    const shown = human();
    this.#write(this.stdout, `${typeof shown === 'string' ? shown : renderTable(shown)}\n`);
  }

  /** A line of progress or a notice, on stderr. */
  note(text: string): void {
    this.#write(this.stderr, `${text}\n`);
  }

  /** Raw text on stderr (progress redraws its line with it). */
  noteRaw(text: string): void {
    this.#write(this.stderr, text);
  }

  /** An error, on stderr: `error: …` with a hint, or `{"error": {…}}` with `--json`. */
  error(error: { readonly kind: string; readonly message: string; readonly exitCode: number }): void {
    if (this.json) {
      this.#write(this.stderr, `${JSON.stringify({ error })}\n`);
      return;
    }
    this.#write(this.stderr, `error: ${error.message}\n`);
  }

  #write(stream: OutputStream, text: string): void {
    stream.write(this.redactor.text(text));
  }
}

/** A bordered table, without colours so it reads the same in a pipe or a log. */
function renderTable(data: TableData): string {
  if (data.rows.length === 0) return '(none)';
  const table = new Table({ head: [...data.head], style: { head: [], border: [] } });
  for (const row of data.rows) table.push([...row]);
  return table.toString();
}

/** JSON for values JSON.stringify refuses: bigints as decimal strings. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
