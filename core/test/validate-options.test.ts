/**
 * validateOptionsFor: what a template tells the validator — one function for `rdtax check
 * --template` and the panel (issue 9: the panel passed only the severities and the version,
 * so a firm's role table never applied there).
 */
import { validateWorkbook } from '../src/study';
import { BUILTIN_TEMPLATES, validateOptionsFor, type FirmTemplate } from '../src/templates';

const acme: FirmTemplate = {
  ...BUILTIN_TEMPLATES.software,
  id: 'acme',
  version: '3',
  firm: 'Acme CPAs',
  roles: [{ role: 'Software Developer', low: 0.4, high: 0.6 }],
  severityOverrides: { 'wages/unknown-role': 'off' },
};

describe('validateOptionsFor', () => {
  it('no template: no options', () => expect(validateOptionsFor(undefined)).toEqual({}));
  it('a firm template: its profile, role table, severities, id and version', () => {
    const o = validateOptionsFor(acme);
    expect(o).toMatchObject({
      profile: 'software',
      severityOverrides: { 'wages/unknown-role': 'off' },
      template: { id: 'acme', version: '3' },
    });
    expect(o.roleTable?.source).toBe('firm template acme v3');
    expect([...o.roleTable!.entries.values()].map((e) => [e.role, e.low.toString(), e.high.toString()])).toEqual([
      ['Software Developer', '0.4', '0.6'],
    ]);
  });
  it('the built-in ai-ml template: no severities to carry', () => {
    const o = validateOptionsFor(BUILTIN_TEMPLATES['ai-ml']);
    expect(o.profile).toBe('ai-ml');
    expect(o.severityOverrides).toBeUndefined();
    expect(o.template).toEqual({ id: 'ai-ml', version: '1' });
  });
});

describe('the firm’s role table applies (the panel now passes what the CLI passes)', () => {
  // A developer at 50%: inside Acme's 40–60%, below the software profile's 80–100%.
  const wb = {
    sheets: [
      {
        name: 'Employees',
        values: [
          ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %'],
          ['Ann Lee', 'Software Developer', 'US', 100000, 0.5],
        ],
      },
      {
        name: 'About',
        values: [
          ['Template', 'Version', 'Tax Year', 'Profile'],
          ['acme', '3', 2025, 'software'],
        ],
      },
    ],
  };
  const roleRange = (options: Parameters<typeof validateWorkbook>[1]) =>
    validateWorkbook(wb, options)
      .filter((f) => f.rule === 'wages/role-range')
      .map((f) => f.cell);
  it.each([
    ['with the firm template’s options: 50% is inside Acme’s 40–60%, no finding', validateOptionsFor(acme), []],
    [
      'with only its severities and version (what the panel passed before): the profile’s 80–100% flags it',
      { template: { id: 'acme', version: '3' }, severityOverrides: acme.severityOverrides },
      ['Employees!E2'],
    ],
  ])('%s', (_name, options, expected) => expect(roleRange(options)).toEqual(expected));
});
