/**
 * Job titles read as roles (core/src/law/role-titles.ts, core/src/calc/roles.ts): the role's name,
 * a firm's alias, the title's words without punctuation and seniority, then the job-title
 * synonyms (BLS SOC 2018 / O*NET titles, or a practitioner's reading). A step that finds two
 * roles is no match. Role ranges are review prompts, never allocations (Treas. Reg. §1.41-2(d)(1)).
 */
import { matchRole, profileRoleTable, roleTable, type RoleMatch } from '../src/calc/roles';
import { ROLE_TITLE_SYNONYMS, SENIORITY_WORDS } from '../src/law/role-titles';
import { PROFILE_IDS, ROLE_PROFILES, type ProfileId } from '../src/law/roles';
import { rate } from '../src/money';
import { validateWorkbook } from '../src/study/validator';
import { parseTemplate, renderTemplate, validateOptionsFor, BUILTIN_TEMPLATES } from '../src/templates';
import { failure, value } from './helpers';
import { book, ofRule } from './study-fixtures';

const E = 'Employees';

/** What a match reads as: the role, or 'none' / 'ambiguous: A | B'. */
function readAs(m: RoleMatch): string {
  if (m.kind === 'match') return m.entry.role;
  if (m.kind === 'ambiguous') return `ambiguous: ${m.entries.map((e) => e.role).join(' | ')}`;
  return 'none';
}

describe('a title read as a profile role', () => {
  test.each([
    // [name, profile, title, role it reads as (or none), how]
    ['the role’s own name', 'software', 'Software Developer', 'Software Developer', 'name'],
    ['the name in any case and spacing', 'software', '  software   DEVELOPER ', 'Software Developer', 'name'],
    ['punctuation between the words', 'software', 'Software-Developer', 'Software Developer', 'words'],
    ['a seniority word before the name', 'software', 'Senior Software Developer', 'Software Developer', 'words'],
    ['Sr. and a Roman level around the name', 'software', 'Sr. QA Engineer II', 'QA Engineer', 'words'],
    ['Jr. and level I', 'software', 'Jr. QA Engineer I', 'QA Engineer', 'words'],
    ['a plain number as the level', 'software', 'DevOps Engineer 3', 'DevOps Engineer', 'words'],
    ['dotted initials are a word, not the level I (Q.A.)', 'software', 'Q.A. Engineer', 'QA Engineer', 'words'],
    ['I.T. is the word IT, not the level I', 'software', 'I.T. Support', 'IT Support', 'words'],
    ['"Dev Ops" reads as DevOps', 'software', 'Dev Ops Engineer', 'DevOps Engineer', 'words'],
    [
      '"Associate" is a grade: Associate Product Manager',
      'software',
      'Associate Product Manager',
      'Product Manager',
      'words',
    ],
    [
      'Software Engineer: SOC 15-1252 / O*NET 15-1252.00',
      'software',
      'Software Engineer',
      'Software Developer',
      'synonym',
    ],
    [
      'Sr. Software Engineer II: levels dropped, then SOC 15-1252',
      'software',
      'Sr. Software Engineer II',
      'Software Developer',
      'synonym',
    ],
    ['Staff Software Engineer', 'software', 'Staff Software Engineer', 'Software Developer', 'synonym'],
    ['Principal Software Engineer', 'software', 'Principal Software Engineer', 'Software Developer', 'synonym'],
    ['Software Engineer 3', 'software', 'Software Engineer 3', 'Software Developer', 'synonym'],
    ['Full-Stack Developer (interpretation)', 'software', 'Full-Stack Developer', 'Software Developer', 'synonym'],
    ['Test Engineer: O*NET 15-1253.00', 'software', 'Test Engineer', 'QA Engineer', 'synonym'],
    ['Quality Engineer: O*NET 15-1253.00', 'software', 'Quality Engineer', 'QA Engineer', 'synonym'],
    ['SDET (interpretation of SOC 15-1253)', 'software', 'SDET', 'QA Engineer', 'synonym'],
    ['Senior SDET', 'software', 'Senior SDET', 'QA Engineer', 'synonym'],
    [
      'Software Engineer in Test is the whole title, not Software Engineer',
      'software',
      'Software Engineer in Test',
      'QA Engineer',
      'synonym',
    ],
    ['SRE (interpretation)', 'software', 'SRE', 'DevOps Engineer', 'synonym'],
    ['Site Reliability Engineer', 'software', 'Site Reliability Engineer', 'DevOps Engineer', 'synonym'],
    ['Lead Platform Engineer', 'software', 'Lead Platform Engineer', 'DevOps Engineer', 'synonym'],
    ['Product Owner (interpretation)', 'software', 'Product Owner', 'Product Manager', 'synonym'],
    ['Help Desk Technician: O*NET 15-1232.00', 'software', 'Help Desk Technician', 'IT Support', 'synonym'],
    [
      '“Machine Learning” is ML: Machine Learning Engineer',
      'ai-ml',
      'Machine Learning Engineer',
      'ML Engineer',
      'words',
    ],
    [
      '“Quality Assurance” is QA: Quality Assurance Analyst',
      'software',
      'Quality Assurance Analyst',
      'QA Engineer',
      'synonym',
    ],
    [
      '“Information Technology” is IT: Information Technology Support',
      'software',
      'Information Technology Support',
      'IT Support',
      'words',
    ],
    ['Senior ML Engineer', 'ai-ml', 'Senior ML Engineer', 'ML Engineer', 'words'],
    ['ML Ops Engineer reads as MLOps', 'ai-ml', 'ML Ops Engineer', 'MLOps Engineer', 'words'],
    [
      'a Product Manager in the ai-ml profile is its AI Product Manager',
      'ai-ml',
      'Product Manager',
      'AI Product Manager',
      'synonym',
    ],
    ['Computer Scientist: SOC 15-1221', 'ai-ml', 'Computer Scientist', 'Research Scientist', 'synonym'],
  ] as const)('%s: %s “%s” → %s (%s)', (_name, profile, title, role, how) => {
    const m = matchRole(profileRoleTable(profile), title);
    expect(readAs(m)).toBe(role);
    expect(m.kind === 'match' && m.how).toBe(how);
  });

  test.each([
    // Boundaries: a title of seniority words only, or a word no role is.
    ['only a seniority word', 'software', 'Senior'],
    ['Lead alone', 'software', 'Lead'],
    ['Sr. alone (an abbreviation of a seniority word)', 'software', 'Sr.'],
    ['only a level', 'software', 'II'],
    ['seniority and level words only', 'software', 'Senior Staff III'],
    ['"Engineer II": Engineer names no role', 'software', 'Engineer II'],
    ['a title no synonym lists', 'software', 'Chief Vibes Officer'],
    ['punctuation only', 'software', '—'],
    ['a word that is an Object.prototype member', 'software', 'Constructor toString'],
    ['Software Engineer where no Software Developer role exists', 'ai-ml', 'Software Engineer'],
    [
      'a synonym is whole words, not a prefix: "Software Engineering Manager"',
      'software',
      'Software Engineering Manager',
    ],
  ] as const)('%s: %s “%s” → none', (_name, profile, title) => {
    expect(readAs(matchRole(profileRoleTable(profile), title))).toBe('none');
  });
});

describe('a firm’s table: exact names first, its aliases before the built-in synonyms, ambiguity is no match', () => {
  const firm = roleTable('firm table', [
    { role: 'Software Engineer', low: rate('0.5'), high: rate('0.7') },
    { role: 'Software Developer', low: rate('0.8'), high: rate('1') },
    { role: 'QA Engineer', low: rate('0.6'), high: rate('0.8'), aliases: ['SRE', 'Tester'] },
    { role: 'DevOps Engineer', low: rate('0.4'), high: rate('0.6'), aliases: ['tester'] },
    { role: 'Developer', low: rate('0.7'), high: rate('0.9') },
    { role: 'Senior Developer', low: rate('0.9'), high: rate('1') },
  ]);
  test.each([
    ['a firm role named like a synonym keeps its own name', 'Software Engineer', 'Software Engineer', 'name'],
    [
      '…and its seniority variants reach it before the synonym',
      'Sr. Software Engineer II',
      'Software Engineer',
      'words',
    ],
    ['a firm alias overrides the built-in synonym (SRE → DevOps)', 'SRE', 'QA Engineer', 'alias'],
    ['a firm alias with a seniority word', 'Senior SRE', 'QA Engineer', 'words'],
    ['a built-in synonym still reaches a firm role it names', 'Platform Engineer', 'DevOps Engineer', 'synonym'],
    ['"Sr." is Senior: Sr. Developer is the Senior Developer row', 'Sr. Developer', 'Senior Developer', 'words'],
    ['the exact name among look-alikes', 'developer', 'Developer', 'name'],
  ] as const)('%s: “%s” → %s (%s)', (_name, title, role, how) => {
    const m = matchRole(firm, title);
    expect(readAs(m)).toBe(role);
    expect(m.kind === 'match' && m.how).toBe(how);
  });
  test.each([
    [
      'without seniority, Staff Developer is Developer and Senior Developer',
      'Staff Developer',
      'Developer | Senior Developer',
    ],
    ['an alias listed under two roles', 'Tester', 'QA Engineer | DevOps Engineer'],
  ])('%s: “%s” → no match (%s)', (_name, title, roles) => {
    expect(readAs(matchRole(firm, title))).toBe(`ambiguous: ${roles}`);
  });
});

describe('the synonym table (law/role-titles.ts) against the built-in profiles', () => {
  const profileRoles = new Set(PROFILE_IDS.flatMap((p) => ROLE_PROFILES[p].roles.map((r) => r.role)));
  test.each(ROLE_TITLE_SYNONYMS.map((g) => [g.role, g.status, g] as const))(
    '%s (%s) names a built-in role and carries its source',
    (role, status, g) => {
      expect(profileRoles.has(role)).toBe(true);
      expect(g.citations.length).toBeGreaterThan(0);
      // A SOC/O*NET title list cites the occupation's code; a practitioner's reading says so.
      if (status === 'enacted')
        expect(g.citations.join(' ')).toMatch(/^BLS SOC 2018 \d\d-\d{4} .*O\*NET-SOC \d\d-\d{4}\.00/);
      expect(g.titles.length).toBeGreaterThan(0);
    },
  );
  const cases: [ProfileId, string, string][] = [];
  for (const p of PROFILE_IDS)
    for (const g of ROLE_TITLE_SYNONYMS)
      if (ROLE_PROFILES[p].roles.some((r) => r.role === g.role)) for (const t of g.titles) cases.push([p, t, g.role]);
  test.each(cases)('%s: “%s” reads as %s, or as a role of that name', (p, title, role) => {
    const m = matchRole(profileRoleTable(p), title);
    expect(m.kind).toBe('match');
    // A title that is itself a role of the profile is read as that role (the name wins).
    if (m.kind === 'match' && m.how === 'synonym') expect(m.entry.role).toBe(role);
  });
  const graded: [ProfileId, string, string][] = [];
  for (const p of PROFILE_IDS)
    for (const r of ROLE_PROFILES[p].roles)
      for (const w of SENIORITY_WORDS) graded.push([p, `${w[0]!.toUpperCase()}${w.slice(1)} ${r.role} II`, r.role]);
  test.each(graded)('%s: “%s” reads as %s', (p, title, role) => {
    expect(readAs(matchRole(profileRoleTable(p), title))).toBe(role);
  });
});

describe('RD_ROLE_RANGE and RD_ROLE_CHECK with job titles', () => {
  test.each([
    // Software profile: Software Developer 80–100%, QA Engineer 60–80% (docs/law.md#role-profiles).
    ['Sr. Software Engineer II at 85% is inside 80–100%', 'Sr. Software Engineer II', 0.85, 'OK'],
    ['Sr. Software Engineer II at 79.99% is below 80%', 'Sr. Software Engineer II', 0.7999, 'BELOW RANGE'],
    ['SDET at 80% is the top of 60–80%', 'SDET', 0.8, 'OK'],
    ['SDET at 80.01% is above 80%', 'SDET', 0.8001, 'ABOVE RANGE'],
    ['Senior alone names no role', 'Senior', 0.5, 'UNKNOWN ROLE'],
    ['Engineer II names no role', 'Engineer II', 0.5, 'UNKNOWN ROLE'],
  ])('%s', (_n, role, pct, expected) => {
    expect(value('RD_ROLE_CHECK', role, pct)).toBe(expected);
  });
  test('RD_ROLE_RANGE of a title is its role’s range (SRE → DevOps Engineer 40–60%)', () => {
    expect(value('RD_ROLE_RANGE', 'SRE')).toEqual([[0.4, 0.6]]);
  });
  const table = [
    ['Role', 'Low %', 'High %', 'Aliases'],
    ['QA Engineer', 0.5, 0.7, 'SRE; Release Tester, Test Lead'],
    ['Developer', 0.7, 0.9, ''],
    ['Senior Developer', 0.9, 1, null],
  ];
  test.each([
    ['a 4th column of aliases: SRE is this firm’s QA Engineer (50–70%)', 'SRE', [[0.5, 0.7]]],
    ['aliases separated by a comma', 'Release Tester', [[0.5, 0.7]]],
    ['a built-in synonym still reaches a firm row: SDET → QA Engineer', 'SDET', [[0.5, 0.7]]],
  ])('%s', (_n, role, expected) => {
    expect(value('RD_ROLE_RANGE', role, undefined, table)).toEqual(expected);
  });
  test.each([
    [
      'an ambiguous title names the roles it could be',
      ['Staff Developer', undefined, table],
      'not-available',
      /role "Staff Developer" could be Developer, Senior Developer in the firm role table; name one of them exactly/,
    ],
    [
      'a 5-column table',
      ['QA Engineer', undefined, [['QA Engineer', 0.5, 0.7, 'SRE', 'x']]],
      'invalid-value',
      /role_table must have 3 columns \(role, low, high\), or 4 with aliases; it has 5/,
    ],
    [
      'an error value among the aliases names its cell',
      ['QA Engineer', undefined, [['QA Engineer', 0.5, 0.7, '#REF!']]],
      'invalid-value',
      /role_table \(row 1, column 4\)/,
    ],
  ])('%s → error', (_n, args, code, message) => {
    const f = failure('RD_ROLE_RANGE', ...(args as never[]));
    expect(f.code).toBe(code);
    expect(f.message).toMatch(message);
  });
});

describe('the validator says how a title was read', () => {
  test('role-range names the title and the role it was read as (Software Developer 80–100%)', () => {
    const f = validateWorkbook(book().set(E, 2, 'Role', 'Sr. Software Engineer II').set(E, 2, 'R&D %', 0.5).grids());
    expect(ofRule(f, 'wages/role-range').map((x) => [x.cell, x.message])).toEqual([
      [
        'Employees!E2',
        expect.stringContaining(
          'below the 80%–100% typical for Software Developer ("Sr. Software Engineer II" read as Software Developer) in the software profile',
        ),
      ],
    ]);
    expect(ofRule(f, 'wages/unknown-role')).toEqual([]);
  });
  test('an individual on two rows is tested on the total, and the message says how the first row’s title was read', () => {
    // Ada as "Staff Software Engineer" on 2 rows, 150,000 repeated: 40% + 39.99% = 79.99% < 80%
    // (Software Developer, SOC 15-1252).
    const b = book()
      .set(E, 2, 'Role', 'Staff Software Engineer')
      .set(E, 2, 'R&D %', 0.4)
      .appendRow(E, ['Ada Lovelace', 'Staff Software Engineer', 'US', 150000, 0.3999, 'Fraud Model']);
    const f = validateWorkbook(b.grids());
    expect(ofRule(f, 'wages/role-range').map((x) => [x.cell, x.message])).toEqual([
      [
        'Employees!E2',
        expect.stringMatching(
          /totals 79\.99% over 2 rows .*typical for Software Developer \("Staff Software Engineer" read as Software Developer\)/,
        ),
      ],
    ]);
  });
  test('a role typed as its name says nothing more', () => {
    const f = validateWorkbook(book().set(E, 2, 'R&D %', 0.5).grids());
    expect(ofRule(f, 'wages/role-range')[0]!.message).not.toMatch(/read as/);
  });
  test('titles inside their range are silent: SDET at 70%, SRE at 50%', () => {
    const f = validateWorkbook(book().set(E, 3, 'Role', 'SDET').set(E, 4, 'Role', 'SRE').grids());
    expect([...ofRule(f, 'wages/role-range'), ...ofRule(f, 'wages/unknown-role')]).toEqual([]);
  });
  test('an unmatched title stays info and says how to add it', () => {
    const f = validateWorkbook(book().set(E, 4, 'Role', 'Engineer II').grids());
    const [u] = ofRule(f, 'wages/unknown-role');
    expect(u?.severity).toBe('info');
    expect(u?.cell).toBe('Employees!B4');
    expect(u?.message).toMatch(
      /not in the software profile, even without seniority words or as a known job title.*add a Roles sheet row for it \(Role, Low %, High %\) or list it in the Aliases column/,
    );
  });
  const rolesSheet = (rows: unknown[][]) =>
    book()
      .set(E, 2, 'Role', 'Staff Developer')
      .set(E, 3, 'Role', 'SDET')
      .grids()
      .sheets.concat([{ name: 'Roles', values: [['Role', 'Low %', 'High %', 'Aliases'], ...rows] as never }]);
  test('a Roles sheet’s Aliases column, and an ambiguous title named with its roles', () => {
    const f = validateWorkbook({
      sheets: rolesSheet([
        ['Developer', 0.7, 0.9, null],
        ['Senior Developer', 0.9, 1, null],
        ['Tester', 0.2, 0.3, 'SDET; QA'],
      ]),
    });
    // Grace Hopper, SDET at 70%: above this firm's Tester 20–30%, read by its alias.
    expect(ofRule(f, 'wages/role-range').map((x) => [x.cell, x.message])).toEqual([
      [
        'Employees!E3',
        expect.stringContaining('typical for Tester ("SDET" read as Tester, its alias) in the Roles sheet'),
      ],
    ]);
    expect(ofRule(f, 'wages/unknown-role').find((x) => x.cell === 'Employees!B2')?.message).toMatch(
      /"Staff Developer" \(Employees!B2\) could be Developer or Senior Developer in the Roles sheet.*list the title in the Aliases column/,
    );
  });
  test('an alias that is another role’s name, or listed for two roles, is reported at its cell', () => {
    const f = validateWorkbook({
      sheets: rolesSheet([
        ['Developer', 0.7, 0.9, 'Tester'],
        ['Tester', 0.2, 0.3, 'SDET'],
        ['QA', 0.5, 0.6, 'sdet'],
      ]),
    });
    expect(ofRule(f, 'roles/duplicate-role').map((x) => [x.cell, x.message])).toEqual([
      [
        'Roles!D2',
        expect.stringMatching(/Alias "Tester" of "Developer" \(Roles!D2\) is the name of the role on row 3/),
      ],
      [
        'Roles!D4',
        expect.stringMatching(
          /Alias "sdet" is listed for "Tester" \(row 3\) and "QA" \(Roles!D4\), so it matches neither/,
        ),
      ],
    ]);
  });
});

describe('a firm template’s aliases', () => {
  const withAliases = (aliases: unknown, at = 1) => {
    const t = JSON.parse(JSON.stringify(BUILTIN_TEMPLATES.software));
    t.roles[at].aliases = aliases;
    return t;
  };
  test('reach the validator (options) before the built-in synonyms, and the Roles sheet as one cell', () => {
    const parsed = parseTemplate(JSON.stringify(withAliases(['SRE', 'Test Engineer'])));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Linus Torvalds at 50%: SRE is this firm's QA Engineer (60–80%), not the built-in DevOps Engineer.
    const f = validateWorkbook(book().set(E, 4, 'Role', 'SRE').grids(), validateOptionsFor(parsed.template));
    expect(ofRule(f, 'wages/role-range').map((x) => x.message)).toEqual([
      expect.stringContaining('below the 60%–80% typical for QA Engineer ("SRE" read as QA Engineer, its alias)'),
    ]);
    const roles = renderTemplate(parsed.template, 'excel').find((s) => s.name === 'Roles')!;
    expect(roles.values[0]).toEqual(['Role', 'Low %', 'High %', 'Aliases']);
    expect(roles.values[2]).toEqual(['QA Engineer', 0.6, 0.8, 'SRE; Test Engineer']);
    expect(roles.values[1]).toEqual(['Software Developer', 0.8, 1, null]);
    // Read back from the rendered sheet, the Roles sheet gives the same reading.
    const g = validateWorkbook({
      sheets: book()
        .set(E, 4, 'Role', 'SRE')
        .grids()
        .sheets.concat([{ name: 'Roles', values: roles.values }]),
    });
    expect(ofRule(g, 'wages/role-range').map((x) => x.message)).toEqual([
      expect.stringContaining('typical for QA Engineer ("SRE" read as QA Engineer, its alias) in the Roles sheet'),
    ]);
  });
  test('a template without aliases writes the 3-column Roles sheet it always wrote', () => {
    const roles = renderTemplate(BUILTIN_TEMPLATES.software, 'sheets').find((s) => s.name === 'Roles')!;
    expect(roles.values[0]).toEqual(['Role', 'Low %', 'High %']);
  });
});
