/**
 * docs/law.md, written from the rules: every rule of every jurisdiction folder, its value by
 * the tax years it governs, status, citations and the primary text. `npm run docs:law` writes
 * it (scripts/gen-law-doc.ts); core/test/law-doc.test.ts fails when the file and the rules
 * disagree. Pure: returns the text, touches no file.
 */
import { formatValue } from './format';
import { LAW_FOLDERS } from './registry';
import { ROLE_TITLE_SYNONYMS, SENIORITY_WORDS, TITLE_ABBREVIATIONS, TITLE_PHRASES } from './role-titles';
import { ROLE_PROFILES } from './roles';
import type { Rule, RuleVersion } from './types';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const years = (v: RuleVersion<unknown>) =>
  v.through === undefined ? `${v.from} on` : v.through === v.from ? `${v.from}` : `${v.from}–${v.through}`;
const status = (v: RuleVersion<unknown>) => (v.status === 'interpretation' ? 'interpretation [verify]' : 'enacted');
const host = (url: string) => /^https:\/\/(?:www\.)?([^/]+)/.exec(url)?.[1] ?? url;
/** The anchor of a section heading as GitHub writes it. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

function ruleSection(rule: Rule<unknown>): string[] {
  const rows = rule.history.map(
    (v) =>
      `| ${years(v)} | ${cell(formatValue(v.value, rule.unit))} | ${status(v)} | ${cell(v.citations.join('; '))} | ${
        v.url ? `[${host(v.url)}](${v.url})` : '—'
      } |`,
  );
  const notes = rule.history.filter((v) => v.note).map((v) => `- ${years(v)}: ${v.note}`);
  const unit =
    rule.unit === undefined
      ? ''
      : ` · unit: ${typeof rule.unit === 'string' ? rule.unit : JSON.stringify(rule.unit).replace(/"/g, '')}`;
  return [
    `<a id="${rule.id}"></a>`,
    '',
    `#### \`${rule.id}\``,
    '',
    `${rule.title}. Jurisdiction ${rule.jurisdiction}${unit}.${
      rule.basis === 'reports due' ? ' Years are report years (the year a report is due), not tax years.' : ''
    }`,
    '',
    `| ${rule.basis === 'reports due' ? 'Reports due in' : 'Tax years beginning'} | Value | Status | Citations | Primary text |`,
    '|---|---|---|---|---|',
    ...rows,
    ...(notes.length ? ['', ...notes] : []),
    '',
  ];
}

export function lawDocument(): string {
  const interpretations = LAW_FOLDERS.flatMap((f) =>
    f.topics.flatMap((t) =>
      t.rules.flatMap((r) =>
        r.history
          .filter((v) => v.status === 'interpretation')
          .map((v) => `- [\`${r.id}\`](#${r.id}), ${years(v)}: ${cell(v.citations.join('; '))}`),
      ),
    ),
  );
  const lines = [
    '# The law RD Credit Studio encodes',
    '',
    '<!-- Generated from core/src/law by `npm run docs:law`; do not edit by hand (core/test/law-doc.test.ts checks it). -->',
    '',
    'Every number the engine uses, as the rules in `core/src/law/` hold it: the value for each',
    'range of tax years, its citations and, where it is online, the primary text. A year here is the',
    'calendar year in which the tax year **begins** (a fiscal year 7/1/2024–6/30/2025 is 2024): the',
    'statutes key on "taxable years beginning after …". "Not in force" means the provision did not',
    'exist yet; a function asked for such a year says so instead of returning a number. The Texas',
    'franchise-tax rules are the exception: their years are report years (the year a report is due,',
    'the year after the accounting year ends), and their tables say "Reports due in".',
    '',
    'Status **enacted** is read from the primary text; **interpretation [verify]** was taken from a',
    'practitioner reading and should be checked by a reviewer (all listed under',
    '[Interpretations](#interpretations)).',
    '',
    '## Contents',
    '',
    ...LAW_FOLDERS.flatMap((f) => [
      `- [${f.name} (${f.jurisdiction})](#${slug(`${f.name} (${f.jurisdiction})`)})`,
      ...f.topics.map((t) => `  - [${t.topic}](#${slug(t.topic)})`),
    ]),
    '- [Interpretations](#interpretations)',
    '- [Role profiles](#role-profiles)',
    '',
  ];
  for (const f of LAW_FOLDERS) {
    lines.push(`## ${f.name} (${f.jurisdiction})`, '');
    for (const t of f.topics) {
      lines.push(`### ${t.topic}`, '');
      for (const r of t.rules) lines.push(...ruleSection(r));
    }
  }
  lines.push('## Interpretations', '', ...interpretations, '');
  lines.push(
    '## Role profiles',
    '',
    'Typical qualifying shares of time by role, used only to flag an allocation outside the range so',
    'that a reason is documented — never to fill in allocations: the measure is the actual time spent',
    '(Treas. Reg. §1.41-2(d)(1)).',
    '',
  );
  for (const p of Object.values(ROLE_PROFILES)) {
    lines.push(
      `### \`${p.id}\` — ${p.title}`,
      '',
      `Status: ${p.status === 'interpretation' ? 'interpretation [verify]' : 'enacted'}. ${cell(p.citations.join('; '))}.`,
      '',
      '| Role | Low | High |',
      '|---|---|---|',
      ...p.roles.map((r) => `| ${r.role} | ${formatValue(r.low, 'rate')} | ${formatValue(r.high, 'rate')} |`),
      '',
    );
  }
  lines.push(...jobTitlesSection());
  return lines.join('\n');
}

/** How a study's Role text (a job title) is read as a role: the steps, the words dropped, the synonyms. */
function jobTitlesSection(): string[] {
  const words = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');
  return [
    '### Job titles read as roles',
    '',
    'A study’s Role column holds job titles. A title is read as a role of the table in use (a profile,',
    'a Roles sheet or a firm template), in steps; the first step that finds a role decides, and a step',
    'that finds two roles is no match: (1) the role’s name, ignoring case and spacing; (2) an alias the',
    'firm lists for a role (the Roles sheet’s Aliases column, a template role’s `aliases`); (3) the',
    'title’s words without punctuation; (4) the same without seniority and level words; (5) the job',
    'titles below. A synonym applies to any table holding a role of its name.',
    '',
    `Seniority and level words dropped: ${words(SENIORITY_WORDS)}, Roman numerals I–X and plain numbers.`,
    `Abbreviations: ${Object.entries(TITLE_ABBREVIATIONS)
      .map(([a, w]) => `"${a}" = "${w}"`)
      .join(', ')}. Phrases: ${Object.entries(TITLE_PHRASES)
      .map(([a, w]) => `"${a}" = "${w}"`)
      .join(', ')}.`,
    '',
    '| Read as | Titles | Status | Source |',
    '|---|---|---|---|',
    ...ROLE_TITLE_SYNONYMS.map(
      (g) =>
        `| ${g.role} | ${cell(g.titles.join(', '))} | ${g.status === 'interpretation' ? 'interpretation [verify]' : 'published titles'} | ${cell(g.citations.join('; '))} |`,
    ),
    '',
  ];
}
