/**
 * Form 6765 (Rev. December 2024) Section G: when the business-component schedule is required and
 * which components it lists. The instructions, not the Code, set these; LAW.md marks them [verify].
 */
import { https } from '../define';
import type { Citations } from '../types';
import { federal } from './define';

const I6765 = https('www.irs.gov/instructions/i6765');
const SECTION_G: Citations = [
  'Form 6765 (Rev. Dec. 2024) Section G',
  'Instructions for Form 6765 (Rev. Dec. 2024), Section G',
];

export const SECTION_G_REQUIRED = federal<boolean>({
  id: 'form6765.section-g.required',
  title: 'Section G (business component information) must be completed',
  history: [
    {
      from: 1994,
      through: 2025,
      value: false,
      status: 'interpretation',
      citations: SECTION_G,
      url: I6765,
      note: 'Optional for tax years beginning before 2026.',
    },
    {
      from: 2026,
      value: true,
      status: 'interpretation',
      citations: SECTION_G,
      url: I6765,
      note: 'Required unless an exemption applies (payroll election; QREs ≤ $1.5M and gross receipts ≤ $50M).',
    },
  ],
});

export const SECTION_G_EXEMPT_QRE = federal<string>({
  id: 'form6765.section-g.exempt-qre',
  title: 'Section G is not required when line 48 is at most this (and gross receipts at most the receipts limit)',
  unit: 'USD',
  history: [{ from: 2026, value: '1500000', status: 'interpretation', citations: SECTION_G, url: I6765 }],
});

export const SECTION_G_EXEMPT_RECEIPTS = federal<string>({
  id: 'form6765.section-g.exempt-gross-receipts',
  title: 'Section G is not required when gross receipts are at most this (and line 48 at most the QRE limit)',
  unit: 'USD',
  history: [{ from: 2026, value: '50000000', status: 'interpretation', citations: SECTION_G, url: I6765 }],
});

export const SECTION_G_LISTED_SHARE = federal<string>({
  id: 'form6765.section-g.listed-share',
  title: 'Components are listed in descending order of QREs until they make up at least this share of line 48',
  unit: 'rate',
  history: [{ from: 1994, value: '0.8', status: 'interpretation', citations: SECTION_G, url: I6765 }],
});

export const SECTION_G_MAX_COMPONENTS = federal<number>({
  id: 'form6765.section-g.max-components',
  title: 'At most this many business components are listed',
  unit: 'count',
  history: [{ from: 1994, value: 50, status: 'interpretation', citations: SECTION_G, url: I6765 }],
});
