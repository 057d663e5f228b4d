/**
 * One About schema, read once by the study reader: every field the templates write is read back,
 * in either layout, and compute takes its inputs from that reading. One version comparison for
 * the validator's template/version-drift and the panel's drift note.
 */
import { computeStudy } from '../src/compute';
import { ABOUT_FIELDS, readStudy, sameTemplateVersion } from '../src/study';
import { ABOUT_COLUMNS, BUILTIN_TEMPLATES, renderTemplate } from '../src/templates';

describe('sameTemplateVersion', () => {
  it.each([
    ['1', '1', true, 'the same text'],
    ['1', '1.0', true, 'numbers compare as numbers'],
    [' 2 ', '2', true, 'surrounding spaces do not count'],
    ['v2-beta', 'V2-BETA', true, 'text compares without case'],
    ['1', '2', false, 'another version'],
    ['1.1', '1.10', true, 'trailing zeros of a decimal'],
    ['1.1', '1.01', false, 'a different decimal'],
    ['', '1', false, 'no version recorded'],
  ])('%j vs %j → %s (%s)', (a, b, expected) => expect(sameTemplateVersion(a, b)).toBe(expected));
});

describe('the About sheet: written from the schema, read back by the study reader', () => {
  it('the template writes every About field of the schema, in its order', () =>
    expect(ABOUT_COLUMNS).toEqual(ABOUT_FIELDS.map((f) => f.header)));

  it('every field a rendered template records is read back (header-row layout)', () => {
    const about = renderTemplate(BUILTIN_TEMPLATES.software, 'excel').find((s) => s.name === 'About')!;
    const study = readStudy({ sheets: [{ name: 'About', values: about.values }] });
    expect(Object.keys(study.about!.fields).sort()).toEqual(ABOUT_FIELDS.map((f) => f.field).sort());
    expect(study.about!.fields.firm?.value).toBe('RD Credit Studio (built-in)');
  });

  it('compute reads its inputs through the study reader, labels down column A too', () => {
    const wb = {
      sheets: [
        {
          name: 'Employees',
          values: [
            ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %'],
            ['Ann', 'Software Developer', 'US', 1000000, 1],
          ],
        },
        {
          name: 'About',
          values: [
            ['Tax Year', 2025],
            ['Fixed-Base %', 0.03],
            ['Avg Gross Receipts', 10000000],
          ],
        },
      ],
    };
    const c = computeStudy(wb);
    if (!c.ok) throw new Error(c.message);
    // Regular credit: 20% × (1,000,000 − max(3% × 10,000,000, 50% × 1,000,000)) = 100,000 (§41(a)(1), (c)).
    expect(c.computation.credits.regular.amount).toBe(100000);
    expect(c.computation.taxYearSource).toBe('About!B1');
  });
});
