/**
 * Every rule of every jurisdiction, built from the jurisdictions' folders (their index files),
 * never listed by hand. Pure data: no file system at run time, so the bundles carry it as is.
 */
import type { LawFolder } from './define';
import { FEDERAL_LAW } from './federal';
import { STATE_LAW } from './states';
import type { Rule } from './types';

/** Federal first, then the states in the order `states/index.ts` lists them. */
export const LAW_FOLDERS: readonly LawFolder[] = [FEDERAL_LAW, ...STATE_LAW];

/** Every rule, for the code-health tests and docs/law.md. */
export const ALL_RULES: readonly Rule<unknown>[] = LAW_FOLDERS.flatMap((f) => f.topics.flatMap((t) => t.rules));
