/**
 * The drift report's lines (issue 14 §2): one named case per way a study can stand against a
 * firm template, and the choice of template from a folder (newest by default, or the version asked).
 */
import { BUILTIN_TEMPLATES, compareTemplateVersions, type FirmTemplate } from '@core/templates';
import { driftOf, pickTemplate, type ShelvedTemplate } from '../src/drift';

const t = (id: string, version: string, file = `templates/${id}-v${version}.json`): ShelvedTemplate => ({
  template: { ...BUILTIN_TEMPLATES.software, id, version } as FirmTemplate,
  file,
});

describe('driftOf: the study (About) against a template', () => {
  test.each([
    ['same version: current', { id: 'acme', version: '4' }, t('acme', '4'), 'current', 'template acme v4 — current'],
    [
      'older: behind, with the upgrade command and a new file name',
      { id: 'acme', version: '3' },
      t('acme', '4'),
      'behind',
      'template acme v3 — behind v4: run rdtax template upgrade --template templates/acme-v4.json studies/a.xlsx -o studies/a-v4.xlsx',
    ],
    [
      '10 is newer than 9 (numbers, not text)',
      { id: 'acme', version: '10' },
      t('acme', '9'),
      'ahead',
      'template acme v10 — newer than v9 (templates/acme-v9.json)',
    ],
    ['"1.0" is version 1', { id: 'acme', version: '1.0' }, t('acme', '1'), 'current', 'template acme v1.0 — current'],
    [
      'another template id',
      { id: 'beta', version: '1' },
      t('acme', '4'),
      'other-template',
      'template beta v1 — not made from acme',
    ],
    [
      'no template on About',
      {},
      t('acme', '4'),
      'no-template',
      'no template recorded on About: not made from a firm template, or its About sheet lost the Template cell',
    ],
    [
      'text versions: only told apart',
      { id: 'acme', version: 'spring' },
      t('acme', 'fall'),
      'different',
      'template acme vspring — not vfall (templates/acme-vfall.json); versions that are not numbers cannot be ordered',
    ],
    [
      'no version on About: behind',
      { id: 'acme' },
      t('acme', '2'),
      'behind',
      'template acme v? — behind v2: run rdtax template upgrade --template templates/acme-v2.json studies/a.xlsx -o studies/a-v2.xlsx',
    ],
    [
      'nothing found in the folder',
      { id: 'acme', version: '3' },
      undefined,
      'not-found',
      'template acme v3 — no template "acme" in firm-templates',
    ],
  ])('%s', (_name, made, against, status, line) => {
    const d = driftOf('studies/a.xlsx', made, against, compareTemplateVersions, { dir: 'firm-templates' });
    expect(d.status).toBe(status);
    expect(d.line).toBe(line);
  });
  test('a path with spaces is quoted in the command', () => {
    const d = driftOf('My Studies/a b.xlsx', { id: 'acme', version: '3' }, t('acme', '4'), compareTemplateVersions);
    expect(d.upgrade).toBe(
      'rdtax template upgrade --template templates/acme-v4.json "My Studies/a b.xlsx" -o "My Studies/a b-v4.xlsx"',
    );
  });
});

describe('pickTemplate: a firm’s folder of templates', () => {
  const shelf = [t('acme', '3'), t('acme', '10'), t('acme', '4'), t('beta', '7')];
  test.each([
    ['newest by default: 10 (not "4", which sorts after "10" as text)', 'acme', undefined, '10'],
    ['an explicit version', 'acme', '3', '3'],
    ['an explicit version written "3.0"', 'acme', '3.0', '3'],
    ['ids compared without case', 'ACME', undefined, '10'],
    ['a version the folder lacks', 'acme', '5', undefined],
    ['an id the folder lacks', 'gamma', undefined, undefined],
  ])('%s', (_name, id, version, want) => {
    expect(pickTemplate(shelf, id, version, compareTemplateVersions)?.template.version).toBe(want);
  });
});
