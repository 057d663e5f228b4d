/**
 * The one JSON document `--json` prints, for every outcome (docs/design.md §8b): the same envelope
 * for check, compute and template, for a usage error before any file is read, and for a
 * defect. A program reading it branches on `exitCode` and the stable `code` strings, never on
 * the wording of a message.
 */
import * as fs from 'fs';

/**
 * Bumped when a field changes meaning or disappears (adding a field does not bump it).
 * 2 (issue 10): compute's `sec174.domestic.deduction` (and `sec174.total`) is after the §280C(c)(1)
 * reduction by the credit claimed, which is its own field (`sec174.domestic.reduction280c`); a
 * program that took the deduction from version 1 and reduced it itself would reduce it twice.
 * `form6765` is new.
 */
export const SCHEMA_VERSION = 2;

/** A reason a file, or the whole command, has no result: a stable `code` and one plain sentence. */
export interface ErrorInfo {
  /** `area/what`, e.g. `usage/unknown-option`, `file/not-found`, `table/no-study`. */
  readonly code: string;
  readonly message: string;
  /** Every problem, when there are several (the located problems of an invalid firm template). */
  readonly details?: readonly string[];
}

/** One input: a result (`findings`/`summary` for check, the computation for compute) or an error. */
export type FileEntry =
  | ({ readonly file: string } & Readonly<Record<string, unknown>>)
  | { readonly file: string; readonly error: ErrorInfo };

export interface Envelope {
  readonly schemaVersion: number;
  readonly tool: { readonly name: 'rdtax'; readonly version: string };
  /** check, compute, template, or null when none was recognised. */
  readonly command: string | null;
  /** The process exit code: 0 ok, 1 error findings, 2 unusable input or usage. */
  readonly exitCode: number;
  readonly files: readonly FileEntry[];
  /** Present only when the command as a whole failed (a usage error, an unreadable template). */
  readonly error?: ErrorInfo;
}

export function envelope(
  version: string,
  command: string | null,
  exitCode: number,
  files: readonly FileEntry[],
  error?: ErrorInfo,
): Envelope {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'rdtax', version },
    command,
    exitCode,
    files,
    ...(error ? { error } : {}),
  };
}

/**
 * A problem that stops the command before or instead of its files: a usage error, an
 * unreadable firm template, an output that cannot be written. Always exit 2.
 */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: readonly string[],
  ) {
    super(message);
    this.name = 'CommandError';
  }
  get info(): ErrorInfo {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

const CODE = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/** Set RDTAX_DEBUG=1 to see the raw detail of an unexpected exception on stderr. */
export function debugEnabled(): boolean {
  const v = process.env.RDTAX_DEBUG;
  return v !== undefined && v !== '' && v !== '0';
}

/** The raw detail of an unexpected exception, on stderr, only with RDTAX_DEBUG=1. */
export function debug(stderr: (s: string) => void, about: string | undefined, e: unknown): void {
  if (debugEnabled())
    stderr(`rdtax: debug: ${about ? `${about}: ` : ''}${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
}

/**
 * Why `file` could not be read, from what the reader threw. The reader's own errors
 * (UnusableInput) are plain sentences with a code; anything else is a defect or a part the
 * reader did not foresee, and its raw text ("Cannot set properties of undefined") says nothing
 * to a tax preparer — so it is replaced by what to do, and shown only with RDTAX_DEBUG=1.
 */
export function readFailure(
  e: unknown,
  file: string,
  expected: (e: unknown) => boolean,
  stderr: (s: string) => void,
): ErrorInfo {
  if (expected(e)) {
    const given = (e as { code?: unknown }).code;
    let code = typeof given === 'string' && CODE.test(given) ? given : 'file/unreadable';
    if (code === 'file/unreadable' && !exists(file)) code = 'file/not-found';
    return { code, message: (e as Error).message };
  }
  debug(stderr, file, e);
  return {
    code: 'file/damaged',
    message:
      'could not be read: it is damaged or holds a part rdtax does not understand; open it in Excel or LibreOffice and save it again as .xlsx (RDTAX_DEBUG=1 shows the detail)',
  };
}

/** A defect anywhere else: one sentence, the detail only with RDTAX_DEBUG=1. */
export function internalFailure(e: unknown, stderr: (s: string) => void): ErrorInfo {
  debug(stderr, undefined, e);
  return {
    code: 'internal/error',
    message:
      'rdtax stopped on an unexpected problem (a defect, not your input); run it again with RDTAX_DEBUG=1 and report what it prints',
  };
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
}
