/** Role ranges — review prompts, never allocations (Treas. Reg. §1.41-2(d)(1)). */
import { col, failure, value } from './helpers';

describe('RD_ROLE_RANGE', () => {
  test.each([
    [
      'software developer, any case and spacing',
      ['software   DEVELOPER'],
      [[0.8, 1]],
      'docs/law.md#role-profiles software',
    ],
    ['ai-ml research scientist', ['Research Scientist', 'ai-ml'], [[0.9, 1]], 'docs/law.md#role-profiles ai-ml'],
    [
      'a firm table overrides the profile (header row skipped)',
      [
        'QA Engineer',
        'software',
        [
          ['Role', 'Low %', 'High %'],
          ['QA Engineer', 0.5, 0.7],
        ],
      ],
      [[0.5, 0.7]],
      'DESIGN §2 role_table',
    ],
    [
      'firm table with percent text',
      ['Tester', undefined, [['Tester', '10%', '30%']]],
      [[0.1, 0.3]],
      'DESIGN §2 numeric text',
    ],
  ])('%s', (_n, args, expected, _c) => {
    expect(value('RD_ROLE_RANGE', ...(args as never[]))).toEqual(expected);
  });
  test.each([
    [
      'an unknown role lists the known roles',
      ['Astronaut'],
      'not-available',
      /role "Astronaut" is not in the software profile; known roles: Software Developer/,
    ],
    ['an unknown profile', ['QA Engineer', 'hardware'], 'invalid-value', /profile: "hardware" is not a known profile/],
    [
      'a firm table typed in whole percents',
      ['Tester', undefined, [['Tester', 10, 30]]],
      'invalid-number',
      /role_table \(row 1, column 2\): low % must be a fraction between 0 and 1/,
    ],
    [
      'a firm table with low above high',
      ['Tester', undefined, [['Tester', 0.5, 0.3]]],
      'invalid-number',
      /low 0\.5 is above high 0\.3/,
    ],
    [
      'a firm table with two columns',
      ['Tester', undefined, [['Tester', 0.5]]],
      'invalid-value',
      /role_table must have 3 columns/,
    ],
  ])('%s → error', (_n, args, code, message) => {
    const f = failure('RD_ROLE_RANGE', ...(args as never[]));
    expect(f.code).toBe(code);
    expect(f.message).toMatch(message);
  });
});

describe('RD_ROLE_CHECK', () => {
  test.each([
    ['exactly at the low end is OK', 'QA Engineer', 0.6, 'OK', '60% in 60–80%'],
    ['exactly at the high end is OK', 'QA Engineer', 0.8, 'OK', '80% in 60–80%'],
    ['just below', 'QA Engineer', 0.5999, 'BELOW RANGE', '59.99% < 60%'],
    ['just above', 'QA Engineer', 0.8001, 'ABOVE RANGE', '80.01% > 80%'],
    ['unknown role', 'Chef', 0.5, 'UNKNOWN ROLE', 'not in profile'],
  ])('%s', (_n, role, pct, expected, _a) => {
    expect(value('RD_ROLE_CHECK', role, pct)).toBe(expected);
  });
  test('a column of roles spills a column, blank rows stay blank', () => {
    expect(value('RD_ROLE_CHECK', col('Software Developer', '', 'IT Support'), col(0.5, '', 0.05))).toEqual([
      ['BELOW RANGE'],
      [''],
      ['OK'],
    ]);
  });
  test('a percentage typed as 60 is an error, not ABOVE RANGE', () => {
    expect(failure('RD_ROLE_CHECK', 'QA Engineer', 60).message).toMatch(
      /rd_pct: R&D % must be a fraction between 0 and 1 \(80% is 0\.8\); got 60/,
    );
  });
});

describe('RD_CITATION', () => {
  test('the citations behind a function, with or without the Excel namespace', () => {
    expect(value('RD_CITATION', 'RDTAX.RD_CONTRACT_QRE')).toBe('IRC §41(b)(3)(A); IRC §41(b)(3)(C); IRC §41(b)(3)(D)');
  });
  test('an unknown name', () => {
    expect(failure('RD_CITATION', 'SUM').message).toMatch(/"SUM" is not a catalogue function/);
  });
});
