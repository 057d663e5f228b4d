/**
 * What the file arguments of `check` and `compute` name: the studies, in a deterministic order.
 * A file is itself. A folder that holds .csv files is one study (its sheets). Any other folder is
 * each .xlsx workbook in it, in name order — and, with --recursive, each study in its sub-folders
 * too, visited in the same order; a link to a folder is never followed (so no loop is entered)
 * and a folder seen twice (a bind mount) is read once. A folder that yields no study stays one
 * argument, so the reader says why it is not one.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Name order that does not depend on the machine's locale: case-insensitive, then by code point. */
export function byName(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A workbook study in a folder: .xlsx, not one of Excel's lock files (~$study.xlsx). */
const isWorkbook = (name: string): boolean => /\.xlsx$/i.test(name) && !name.startsWith('~$');

/**
 * Folders a --recursive search does not enter: hidden ones (.git, .cache) and node_modules,
 * which hold no study a reviewer means.
 */
const skippedFolder = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

/** A link to a workbook is read (a link to a folder is not entered). */
function isFileLink(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The studies one argument names (paths as the user wrote them, joined with the names found). */
export function studiesIn(arg: string, cwd: string, recursive: boolean): string[] {
  const seen = new Set<string>();
  const walk = (shown: string, abs: string, top: boolean): string[] => {
    let entries: fs.Dirent[];
    try {
      const real = fs.realpathSync(abs);
      if (seen.has(real)) return [];
      seen.add(real);
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return top ? [shown] : []; // the reader says why the argument cannot be read
    }
    if (entries.some((e) => e.isFile() && /\.csv$/i.test(e.name))) return [shown];
    const out: string[] = [];
    for (const e of [...entries].sort((a, b) => byName(a.name, b.name))) {
      // Dirent types come from lstat: a symbolic link is neither a file nor a folder here.
      const file = e.isFile() || (e.isSymbolicLink() && isFileLink(path.join(abs, e.name)));
      if (file && isWorkbook(e.name)) out.push(path.join(shown, e.name));
      else if (recursive && e.isDirectory() && !skippedFolder(e.name))
        out.push(...walk(path.join(shown, e.name), path.join(abs, e.name), false));
    }
    return out.length > 0 || !top ? out : [shown];
  };
  const abs = path.resolve(cwd, arg);
  try {
    if (!fs.statSync(abs).isDirectory()) return [arg];
  } catch {
    return [arg];
  }
  return walk(arg, abs, true);
}

/** Every argument's studies, in the order the arguments were given. */
export function studyInputs(args: readonly string[], cwd: string, recursive: boolean): string[] {
  return args.flatMap((a) => studiesIn(a, cwd, recursive));
}
