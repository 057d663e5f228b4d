/**
 * Role ranges: look a role up in a profile or a firm's own table and say whether an
 * allocation falls inside the typical range. Shared by RD_ROLE_RANGE/RD_ROLE_CHECK and the
 * validator's `wages/role-range` rule.
 *
 * A study's Role column holds job titles ("Sr. Software Engineer II"), not a table's role
 * names, so a title is read in steps, and the first step that finds anything decides:
 *   1. the role's name, ignoring case and spacing ("software  developer");
 *   2. a firm's alias for a role, the same way;
 *   3. the title's words, ignoring punctuation, abbreviations and spacing ("Software-Developer",
 *      "Sr. QA Eng." for a role named "Senior QA Engineer"), against names and aliases;
 *   4. the same without seniority and level words ("Senior", "Staff", "II", "3");
 *   5. the job-title synonyms of law/role-titles.ts ("SDET" is a QA Engineer).
 * A step that finds two roles is no match (the title is ambiguous in this table), so an exact
 * name always wins and a firm's alias comes before a built-in synonym.
 */
import { ROLE_PROFILES, type ProfileId } from '../law/roles';
import {
  isLevelWord,
  ROLE_TITLE_SYNONYMS,
  TITLE_ABBREVIATIONS,
  TITLE_PHRASES,
  type TitleSynonyms,
} from '../law/role-titles';
import { rate, type Rate } from '../money';

export interface RoleEntry {
  readonly role: string;
  readonly low: Rate;
  readonly high: Rate;
  /** Other titles a firm reads as this role (a Roles sheet's Aliases column, a template's `aliases`). */
  readonly aliases?: readonly string[];
}

/** Titles by key, each with the roles it reaches and the text that reached them. */
type TitleIndex = Map<string, { readonly entry: RoleEntry; readonly text: string }[]>;

export interface RoleTable {
  /** Where the ranges come from ("software profile", "firm table"). */
  readonly source: string;
  /** By role name (roleKey); the last of two rows with one name wins. */
  readonly entries: ReadonlyMap<string, RoleEntry>;
  /** Aliases by roleKey; titles' words (names and aliases) with and without level words. */
  readonly aliases: TitleIndex;
  readonly words: TitleIndex;
  readonly core: TitleIndex;
}

export type RoleCheck = 'OK' | 'ABOVE RANGE' | 'BELOW RANGE' | 'UNKNOWN ROLE';

/** Roles match case- and space-insensitively ("software  developer" = "Software Developer"). */
export function roleKey(role: string): string {
  return role.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * A title's words: lower case, split at anything that is not a letter or digit, a run of single
 * letters joined ("Q.A." → qa, "I.T." → it, so dotted initials are not the level "I"),
 * abbreviations spelt out (Sr → senior) and two-word phrases in their short form
 * ("machine learning" → ml).
 */
export function titleWords(title: string): string[] {
  const t = title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    let w = t[i]!;
    if (isInitial(w)) while (isInitial(t[i + 1])) w += t[++i];
    const phrase = own(TITLE_PHRASES, `${w} ${t[i + 1]}`);
    if (phrase) i++;
    out.push(phrase ?? own(TITLE_ABBREVIATIONS, w) ?? w);
  }
  return out;
}

/** A table's own entry, never an Object.prototype member ("constructor" is a word of a title). */
function own(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function isInitial(w: string | undefined): boolean {
  return w?.length === 1 && /\p{L}/u.test(w);
}

/** The words joined without spaces, so "Dev Ops", "Dev-Ops" and "DevOps" read alike. */
export function titleWordsKey(title: string): string {
  return titleWords(title).join('');
}

/** The words without seniority and level words ("Sr. Software Engineer II" → softwareengineer). */
export function titleCoreKey(title: string): string {
  return titleWords(title)
    .filter((w) => !isLevelWord(w))
    .join('');
}

function add(index: TitleIndex, key: string, entry: RoleEntry, text: string): void {
  if (key === '') return;
  const hits = index.get(key);
  if (!hits) index.set(key, [{ entry, text }]);
  else if (!hits.some((h) => h.entry === entry)) hits.push({ entry, text });
}

export function roleTable(source: string, entries: readonly RoleEntry[]): RoleTable {
  const m = new Map<string, RoleEntry>();
  for (const e of entries) m.set(roleKey(e.role), e);
  const aliases: TitleIndex = new Map();
  const words: TitleIndex = new Map();
  const core: TitleIndex = new Map();
  for (const e of m.values()) {
    for (const text of [e.role, ...(e.aliases ?? [])]) {
      if (text !== e.role) add(aliases, roleKey(text), e, text);
      add(words, titleWordsKey(text), e, text);
      add(core, titleCoreKey(text), e, text);
    }
  }
  return { source, entries: m, aliases, words, core };
}

const profileCache = new Map<ProfileId, RoleTable>();
/** The built-in profile as a table (built on first use: hosts re-run top-level code per call). */
export function profileRoleTable(id: ProfileId): RoleTable {
  let t = profileCache.get(id);
  if (!t) {
    t = roleTable(
      `${id} profile`,
      ROLE_PROFILES[id].roles.map((r) => ({ role: r.role, low: rate(r.low), high: rate(r.high) })),
    );
    profileCache.set(id, t);
  }
  return t;
}

/** The synonyms by a title's core key (built on first use). */
let synonymIndex: Map<string, { readonly title: string; readonly group: TitleSynonyms }[]> | undefined;
function synonymsOf(core: string): readonly { readonly title: string; readonly group: TitleSynonyms }[] {
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const group of ROLE_TITLE_SYNONYMS) {
      for (const title of group.titles) {
        const key = titleCoreKey(title);
        const list = synonymIndex.get(key);
        if (list) list.push({ title, group });
        else synonymIndex.set(key, [{ title, group }]);
      }
    }
  }
  return synonymIndex.get(core) ?? [];
}

/** How a title reached its role: its name, a firm's alias, its words, or a job-title synonym. */
export type RoleMatchHow = 'name' | 'alias' | 'words' | 'synonym';

export type RoleMatch =
  | {
      readonly kind: 'match';
      readonly entry: RoleEntry;
      readonly how: RoleMatchHow;
      /** The alias or synonym title that matched (for 'alias', 'words' and 'synonym'). */
      readonly via?: string;
      /** Where a synonym comes from (law/role-titles.ts). */
      readonly citations?: readonly string[];
    }
  | { readonly kind: 'ambiguous'; readonly entries: readonly RoleEntry[] }
  | { readonly kind: 'none' };

const NONE: RoleMatch = { kind: 'none' };

function fromHits(
  hits: readonly { readonly entry: RoleEntry; readonly text: string }[] | undefined,
  how: RoleMatchHow,
): RoleMatch | undefined {
  if (!hits || hits.length === 0) return undefined;
  if (hits.length > 1) return { kind: 'ambiguous', entries: hits.map((h) => h.entry) };
  const [h] = hits;
  return { kind: 'match', entry: h!.entry, how, via: h!.text };
}

/** A table role named as a synonym names it: by its name, else by the name's words alone. */
function tableRoleNamed(table: RoleTable, role: string): RoleEntry | undefined {
  const byName = table.entries.get(roleKey(role));
  if (byName) return byName;
  const hits = table.words.get(titleWordsKey(role))?.filter((h) => h.text === h.entry.role);
  return hits?.length === 1 ? hits[0]!.entry : undefined;
}

/** Which role of `table` a title is, read in the steps the module comment lists. */
export function matchRole(table: RoleTable, title: string): RoleMatch {
  const byName = table.entries.get(roleKey(title));
  if (byName) return { kind: 'match', entry: byName, how: 'name' };
  const step =
    fromHits(table.aliases.get(roleKey(title)), 'alias') ?? fromHits(table.words.get(titleWordsKey(title)), 'words');
  if (step) return step;
  const core = titleCoreKey(title);
  if (core === '') return NONE; // only seniority words ("Senior", "Lead II"): no job named
  const byCore = fromHits(table.core.get(core), 'words');
  if (byCore) return byCore;
  const found: { entry: RoleEntry; title: string; group: TitleSynonyms }[] = [];
  for (const s of synonymsOf(core)) {
    const entry = tableRoleNamed(table, s.group.role);
    if (entry && !found.some((f) => f.entry === entry)) found.push({ entry, title: s.title, group: s.group });
  }
  if (found.length > 1) return { kind: 'ambiguous', entries: found.map((f) => f.entry) };
  const [f] = found;
  return f ? { kind: 'match', entry: f.entry, how: 'synonym', via: f.title, citations: f.group.citations } : NONE;
}

export function lookupRole(table: RoleTable, role: string): RoleEntry | undefined {
  const m = matchRole(table, role);
  return m.kind === 'match' ? m.entry : undefined;
}

/** Inside [low, high] inclusive is OK. */
export function checkRole(table: RoleTable, role: string, rdPct: Rate): RoleCheck {
  const e = lookupRole(table, role);
  if (!e) return 'UNKNOWN ROLE';
  if (rdPct.lt(e.low)) return 'BELOW RANGE';
  if (rdPct.gt(e.high)) return 'ABOVE RANGE';
  return 'OK';
}

/** Aliases as a cell writes them: separated by commas or semicolons, blanks dropped. */
export function splitAliases(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}
