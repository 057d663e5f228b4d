/**
 * The findings report (core/src/study/report.ts; issue 13 §2 Export): every workbook value shown
 * as text — escaped in HTML, quote-prefixed in CSV — no script, nothing loaded, severity readable
 * without colour, waived findings apart with their reasons.
 */
import { findingsReportCsv, findingsReportHtml, REPORT_CSV_HEADER, type ReportInput } from '../src/study';
import type { Finding } from '../src/study/types';
import type { WaivedFinding } from '../src/study/waivers';

const f = (over: Partial<Finding>): Finding => ({
  rule: 'contract/rate',
  severity: 'error',
  sheet: 'Contractors',
  cell: 'Contractors!I2',
  message: 'QRE of "Acme" (Contractors!I2) is $100,000.00 but … is $65,000.00; enter $65,000.00.',
  citation: 'IRC §41(b)(3)(A)',
  ...over,
});
const waived: WaivedFinding = {
  ...f({
    severity: 'info',
    rule: 'wages/substantially-all',
    sheet: 'Employees',
    cell: 'Employees!E2',
    message: 'is 85%',
  }),
  waiver: {
    rule: 'wages/substantially-all',
    cell: 'Employees!E2',
    value: '0.85',
    reason: 'Records <b>OK</b>',
    reviewer: 'J. R.',
    date: '2026-11-30',
    at: 'Waivers!A2',
  },
};
const input = (findings: Finding[], w: WaivedFinding[] = []): ReportInput => ({
  files: [{ file: 'study <1>.xlsx', findings, waived: w }],
  generated: new Date(Date.UTC(2026, 11, 2, 9, 30)),
  tool: 'rdtax 0.1.0',
});

describe('HTML', () => {
  test.each<[string, Finding, string, string]>([
    [
      'markup in a message is text',
      f({ message: '<img src=x onerror=alert(1)>' }),
      '&lt;img src=x onerror=alert(1)&gt;',
      '<img',
    ],
    [
      'a script tag in a cell reference is text',
      f({ cell: "'<script>'!A1" }),
      '&#39;&lt;script&gt;&#39;!A1',
      '<script',
    ],
    ['quotes and ampersands', f({ message: 'R&D "85%"' }), 'R&amp;D &quot;85%&quot;', 'R&D "85%"'],
  ])('%s', (_name, finding, shown, absent) => {
    const html = findingsReportHtml(input([finding]));
    expect(html).toContain(shown);
    expect(html).not.toContain(absent);
  });

  it('one page: a CSP that allows nothing but its own style, no script, the file name escaped in the title and heading', () => {
    const html = findingsReportHtml(input([f({})]));
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('<title>Study findings — study &lt;1&gt;.xlsx</title>');
    expect(html).toContain('rdtax 0.1.0, 2026-12-02 09:30 UTC.');
  });

  test.each<[string, Finding['severity'], string]>([
    ['error', 'error', '✖ Error'],
    ['warning', 'warning', '▲ Warning'],
    ['info', 'info', '● Info'],
  ])('severity %s is a mark and a word, not only a colour', (_name, severity, text) => {
    expect(findingsReportHtml(input([f({ severity })]))).toContain(`<td class="sev">${text}</td>`);
  });

  it('counts, and waived findings apart with reason, value, reviewer and date', () => {
    const html = findingsReportHtml(input([f({}), f({ severity: 'warning' })], [waived]));
    expect(html).toContain('<p class="counts">1 error, 1 warning, 0 info; 1 finding waived by a reviewer</p>');
    expect(html).toContain('<h3>Waived by a reviewer</h3>');
    expect(html).toContain(
      '<td class="msg">Records &lt;b&gt;OK&lt;/b&gt;</td><td>0.85</td><td>J. R.</td><td>2026-11-30</td>',
    );
  });

  it('a file that could not be checked says why', () => {
    const html = findingsReportHtml({
      ...input([]),
      files: [{ file: 'x.xlsx', findings: [], waived: [], error: { code: 'file/damaged', message: 'is damaged' } }],
    });
    expect(html).toContain('Could not be checked: is damaged (file/damaged)');
  });
});

describe('CSV', () => {
  it('header, one row per finding then the waived ones, CRLF, RFC 4180 quoting', () => {
    const csv = findingsReportCsv(input([f({})], [waived]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      'study <1>.xlsx,error,contract/rate,Contractors,Contractors!I2,"QRE of ""Acme"" (Contractors!I2) is $100,000.00 but … is $65,000.00; enter $65,000.00.",IRC §41(b)(3)(A),No,,,,',
    );
    expect(lines[2]).toBe(
      'study <1>.xlsx,info,wages/substantially-all,Employees,Employees!E2,is 85%,IRC §41(b)(3)(A),Yes,Records <b>OK</b>,0.85,J. R.,2026-11-30',
    );
    expect(lines[3]).toBe('');
  });

  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('formula-like text %s is written as text: %s', (text, field) => {
    const csv = findingsReportCsv(input([f({ message: text })]));
    expect(csv.split('\r\n')[1]).toContain(`,${field},`);
  });
});
