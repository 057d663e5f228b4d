/** How a jurisdiction's folder declares its rules. */
import type { Basis, Jurisdiction, Rule } from './types';

/**
 * The rule constructor of one jurisdiction: every rule declared through it carries that
 * jurisdiction, and law.test checks it matches the folder the rule lives in. `basis` says what
 * the versions' years count (tax years by their begin year unless the law keys on something
 * else, as the Texas franchise tax keys on report years).
 */
export const rulesOf =
  <J extends Jurisdiction>(jurisdiction: J, basis: Basis = 'tax years beginning') =>
  <V>(rule: Omit<Rule<V>, 'jurisdiction' | 'basis'>): Rule<V> => ({
    ...rule,
    jurisdiction,
    basis,
  });

/**
 * An https address, `https('www.law.cornell.edu/…')`. The source holds no literal "//": the
 * Sheets sidebar inlines this code, and its build refuses "//" in an inline script because
 * Apps Script's HTML service treats it as a comment (gsheets/webpack.config.js). `repeat` is not folded by the
 * minifier, so the bundle holds no "//" either.
 */
export const https = (hostAndPath: string) => `https:${'/'.repeat(2)}${hostAndPath}`;

/**
 * The version that says "this provision does not exist yet", so that every rule resolves for
 * every tax year the engine accepts and a formula can say *why* a value is unavailable.
 */
export const notYetEnacted = (through: number, citation: string, url?: string) =>
  ({
    from: 1994,
    through,
    value: null,
    status: 'enacted',
    citations: [citation],
    ...(url === undefined ? {} : { url }),
    note: `Not in force for tax years beginning before ${through + 1}.`,
  }) as const;

/** One file of a jurisdiction's folder, as `import * as file` gives it: whatever it exports, its rules among them. */
export type LawFile = Readonly<Record<string, unknown>>;

/** A jurisdiction's folder as the registry sees it: its rules, grouped by the file they live in. */
export interface LawFolder {
  readonly jurisdiction: Jurisdiction;
  readonly name: string;
  readonly topics: readonly { readonly topic: string; readonly rules: readonly Rule<unknown>[] }[];
}

export function isRule(v: unknown): v is Rule<unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Rule<unknown>).id === 'string' &&
    typeof (v as Rule<unknown>).jurisdiction === 'string' &&
    Array.isArray((v as Rule<unknown>).history)
  );
}

/**
 * Every rule a file exports — directly, or as the values of an exported record (the contract
 * research rates by type) — in id order, so no list of rules is kept by hand.
 */
export function rulesIn(file: LawFile): Rule<unknown>[] {
  const out: Rule<unknown>[] = [];
  for (const v of Object.values(file)) {
    if (isRule(v)) out.push(v);
    else if (typeof v === 'object' && v !== null) out.push(...Object.values(v).filter(isRule));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A folder's registry entry, from the files its index imports, each under the topic it covers. */
export const lawFolder = (
  jurisdiction: Jurisdiction,
  name: string,
  files: readonly (readonly [topic: string, file: LawFile])[],
): LawFolder => ({
  jurisdiction,
  name,
  topics: files.map(([topic, file]) => ({ topic, rules: rulesIn(file) })),
});
