/** The study box: which template and version the workbook says it was made from, and any drift. */
import { driftOf, type PanelState } from '../controller';
import { h, replace } from '../dom';
import { onChange, type View } from './view';

export function studyView(doc: Document): View {
  const box = h(
    doc,
    'div',
    { class: 'rdcs-study', attrs: { 'data-part': 'study' } },
    'Press Validate to read the study in this workbook.',
  );
  const draw = (s: PanelState) => {
    if (!s.studyRead) return;
    if (s.empty) return replace(box, 'This workbook is empty.');
    const about = s.about;
    if (!about)
      return replace(
        box,
        'This workbook has no About sheet, so it does not record which template or version it was made from.',
      );
    const parts: string[] = [
      about.template
        ? `Made from template “${about.template}”${about.version ? ` version ${about.version}` : ' (no version recorded)'}`
        : 'The About sheet records no template',
    ];
    if (about.taxYear) parts.push(`tax year ${about.taxYear}`);
    if (about.profile) parts.push(`profile ${about.profile}`);
    const drift = driftOf(s);
    replace(
      box,
      h(doc, 'p', {}, `${parts.join(' · ')}.`),
      drift
        ? h(
            doc,
            'p',
            { class: 'rdcs-notice', attrs: { 'data-part': 'drift' } },
            `Version drift: this study was made from version ${drift.studyVersion} of “${drift.template}”; the ${drift.firm ? 'firm template you loaded' : 'built-in template'} is version ${drift.templateVersion}. Compare the two before relying on the findings, or insert the new version into a fresh workbook.`,
          )
        : null,
    );
  };
  // Redrawn when the study is read again or another firm template is loaded (drift may change).
  const render = onChange(
    (s) => `${s.studyRead}|${s.empty}|${JSON.stringify(s.about)}|${s.firm?.template.id}|${s.firm?.template.version}`,
    (_key, s) => draw(s),
  );
  return { nodes: [box], render };
}
