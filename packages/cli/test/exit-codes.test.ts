/** Every SDK error kind and every CLI failure maps to its documented exit status. */
import {
  AlreadyExistsError,
  AuthenticationError,
  ConfigurationError,
  ConnectionError,
  ErrorKind,
  InvalidInputError,
  MatrixOneError,
  NotFoundError,
  PermissionError,
  ServerError,
  SqlSyntaxError,
  TimeoutError,
  UnsupportedServerError,
} from '@matrixone/core';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { ExitCode, exitCodeOf } from '../src/exit-codes.js';

describe('exitCodeOf', () => {
  it.each([
    [new ConfigurationError('port', 'expected an integer'), ExitCode.Usage],
    [new InvalidInputError('range unit', 'bad unit'), ExitCode.Usage],
    [new ConnectionError('ECONNREFUSED'), ExitCode.Connection],
    [new AuthenticationError('Access denied'), ExitCode.Connection],
    [new TimeoutError('timed out'), ExitCode.Connection],
    [new NotFoundError('no snapshot'), ExitCode.NotFound],
    [new AlreadyExistsError('exists'), ExitCode.AlreadyExists],
    [new PermissionError('denied'), ExitCode.Permission],
    [new UnsupportedServerError('needs MatrixOne', 'MariaDB 10.11.6'), ExitCode.NeedsMatrixOne],
    [new SqlSyntaxError('syntax'), ExitCode.Server],
    [new ServerError('internal'), ExitCode.Server],
    [new CliError('declined', ExitCode.Aborted), ExitCode.Aborted],
    [new CommanderError(1, 'commander.unknownCommand', 'unknown command'), ExitCode.Usage],
    [new TypeError('a bug'), ExitCode.Unexpected],
    ['a string', ExitCode.Unexpected],
  ])('%s → %i', (error, expected) => {
    expect(exitCodeOf(error)).toBe(expected);
  });

  it('gives every SDK error kind a status other than "unexpected"', () => {
    for (const kind of Object.values(ErrorKind)) {
      const error = Object.assign(new MatrixOneError('x'), { kind });
      Object.defineProperty(error, 'kind', { value: kind });
      expect(exitCodeOf(error), kind).not.toBe(ExitCode.Unexpected);
    }
  });

  it('keeps every status distinct', () => {
    const codes = Object.values(ExitCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
