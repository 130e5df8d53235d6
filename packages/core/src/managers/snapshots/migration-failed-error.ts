/**
 * The error a snapshot-guarded migration run throws when a migration failed: the migration's own error as
 * `cause`, and a report of what was restored and which snapshot is kept (docs/guides/migrations.md).
 */
import { type ErrorKind, MatrixOneError, isMatrixOneError } from '../../errors/errors.js';

/** What happened when a guarded migration run failed. */
export interface MigrationFailureReport {
  /** The guarded database. */
  readonly database: string;
  /** The migration that failed, when the runner lets it be told; `undefined` otherwise. */
  readonly failedMigration: string | undefined;
  /** The migrations that were pending before the run, in order (empty when the runner cannot list them). */
  readonly pending: readonly string[];
  /** The snapshot taken before the run. It is kept after a failure, restored or not. */
  readonly snapshot: string;
  /** True when the database was restored from {@link MigrationFailureReport.snapshot}. */
  readonly restored: boolean;
  /** Why the restore failed, when it did: the database is then as the failed run left it. */
  readonly restoreError?: unknown;
}

/**
 * A migration failed during a snapshot-guarded run. `kind` is the kind of the migration's own error when it is an
 * SDK error (so code that switches on kinds keeps working), `server` otherwise; `cause` is that error.
 */
export class MigrationFailedError extends MatrixOneError {
  override readonly kind: ErrorKind;
  constructor(
    /** What was restored and what is kept. */
    readonly report: MigrationFailureReport,
    cause: unknown,
  ) {
    super(describeFailure(report, cause), { cause });
    this.kind = isMatrixOneError(cause) ? cause.kind : 'server';
  }
}

/** True for a {@link MigrationFailedError} from any copy of the package. */
export function isMigrationFailedError(error: unknown): error is MigrationFailedError {
  return isMatrixOneError(error) && error.name === 'MigrationFailedError' && 'report' in error;
}

function describeFailure(report: MigrationFailureReport, cause: unknown): string {
  const which =
    report.failedMigration === undefined ? 'A migration' : `Migration "${report.failedMigration}"`;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const outcome = report.restored
    ? `database ${report.database} was restored from snapshot ${report.snapshot}, which is kept (drop it with client.snapshots.drop('${report.snapshot}'))`
    : `database ${report.database} could NOT be restored (${
        report.restoreError instanceof Error ? report.restoreError.message : String(report.restoreError)
      }): it is as the failed run left it; restore it with client.restores.database('${report.database}', { snapshot: '${report.snapshot}' })`;
  return `${which} failed (${reason}); ${outcome}.`;
}
