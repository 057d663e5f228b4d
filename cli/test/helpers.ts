/** Running the rdtax command as a user does: a child process through its real launcher. */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'cli', 'bin', 'rdtax.js');
export const EXAMPLES = path.join(ROOT, 'templates', 'examples');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function rdtax(args: readonly string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120000,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one JSON document `--json` must print. */
export function json(r: Run): any {
  return JSON.parse(r.stdout);
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** No stack trace ever reaches the user. */
export function expectNoStackTrace(r: Run): void {
  for (const text of [r.stdout, r.stderr]) {
    if (/^\s+at .+\(.*:\d+:\d+\)$/m.test(text) || /\n\s+at [\w.<>]+ \(/.test(text))
      throw new Error(`a stack trace was printed:\n${text}`);
  }
}
