/**
 * Parsers for CDC rows (docs/matrixone-facts.md#cdc), observed on MatrixOne 4.2.0: `source_uri`, `sink_uri` and
 * `tables` are **hex-encoded JSON** (without the password); SHOW CDC's `checkpoint` is multi-line text that is not
 * JSON and `timestamp` is Go time text, both kept as text; `additional_config` is JSON.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { requiredCell, textCell } from '../show-cell.js';

/** A CDC endpoint as MatrixOne stores it (no password). */
export interface CdcEndpointInfo {
  /** `account#user`, as stored (`sys#root`). */
  readonly user: string;
  readonly host: string;
  readonly port: number;
}

/** A task as `mo_catalog.mo_cdc_task` lists it. */
export interface CdcTask {
  readonly id: string;
  readonly name: string;
  readonly source: CdcEndpointInfo;
  readonly sink: CdcEndpointInfo;
  /** `matrixone`, `mysql` or `console`. */
  readonly sinkType: string;
  /** The table mapping, decoded from its hex JSON (`{"pts":[{"Source":{…},"Sink":{…}}]}`). */
  readonly tables: unknown;
  /** `running`, `pausing`, … */
  readonly state: string;
  /** The last error; `undefined` when empty. */
  readonly error: string | undefined;
  /** When it was created, as the server printed it. */
  readonly createdAt: string;
  /** The options MatrixOne filled in (`{"Frequency":"","InitSnapshotSplitTxn":true,…}`). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** What SHOW CDC TASK says about a task now. */
export interface CdcTaskStatus {
  readonly id: string;
  readonly name: string;
  readonly source: CdcEndpointInfo;
  readonly sink: CdcEndpointInfo;
  /** `running`, `pausing`, … */
  readonly state: string;
  /** The last error; `undefined` when empty. */
  readonly error: string | undefined;
  /** Per-table checkpoints as the server prints them (not JSON). */
  readonly checkpoint: string;
  /** When the status was taken, Go time text (`2026-12-02 02:05:12.929682462 +0000 UTC`). */
  readonly timestamp: string;
}

/**
 * Turns one `mo_catalog.mo_cdc_task` row into a {@link CdcTask}.
 *
 * @example
 * parseCdcTaskRow(row).source.port; // 6001
 */
export function parseCdcTaskRow(row: Row): CdcTask {
  const cell = (column: string): string => textCell(requiredCell(row, column, 'mo_cdc_task')) ?? '';
  return {
    id: cell('task_id'),
    name: cell('task_name'),
    source: endpointInfo(cell('source_uri'), 'source_uri'),
    sink: endpointInfo(cell('sink_uri'), 'sink_uri'),
    sinkType: cell('sink_type'),
    tables: hexJson(cell('tables'), 'tables'),
    state: cell('state'),
    error: optional(cell('err_msg')),
    createdAt: cell('task_create_time'),
    config: objectOf(parseJson(cell('additional_config') || '{}', 'additional_config'), 'additional_config'),
  };
}

/**
 * Turns one SHOW CDC TASK row into a {@link CdcTaskStatus}.
 *
 * @example
 * parseCdcStatusRow(row).state; // 'running'
 */
export function parseCdcStatusRow(row: Row): CdcTaskStatus {
  const cell = (column: string): string => textCell(requiredCell(row, column, 'SHOW CDC TASK')) ?? '';
  return {
    id: cell('task_id'),
    name: cell('task_name'),
    source: endpointInfo(cell('source_uri'), 'source_uri'),
    sink: endpointInfo(cell('sink_uri'), 'sink_uri'),
    state: cell('state'),
    error: optional(cell('err_msg')),
    checkpoint: cell('checkpoint'),
    timestamp: cell('timestamp'),
  };
}

function endpointInfo(hex: string, column: string): CdcEndpointInfo {
  const value = objectOf(hexJson(hex, column), column);
  const port = Number(value.port);
  if (typeof value.user !== 'string' || typeof value.ip !== 'string' || !Number.isInteger(port)) {
    throw new ServerError(`The CDC ${column} does not hold user, ip and port: ${JSON.stringify(value)}`);
  }
  return { user: value.user, host: value.ip, port };
}

function hexJson(hex: string, column: string): unknown {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex))
    throw new ServerError(`The CDC ${column} is not hex-encoded: ${hex.slice(0, 40)}`);
  return parseJson(Buffer.from(hex, 'hex').toString('utf8'), column);
}

function parseJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ServerError(`The CDC ${column} is not JSON: ${text.slice(0, 80)}`, { cause: error });
  }
}

function objectOf(value: unknown, column: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ServerError(`The CDC ${column} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function optional(text: string): string | undefined {
  return text === '' ? undefined : text;
}
