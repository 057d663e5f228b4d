/** Research or experimental expenditures: IRC §174 (TCJA), §174A and the P.L. 119-21 §70302 transition. */
import { notYetEnacted } from '../define';
import { federal, PL_119_21, usc26 } from './define';

/** How specified research or experimental expenditures of one vintage are recovered. */
export type Sec174Treatment =
  | { readonly kind: 'deduct' }
  | { readonly kind: 'midpoint'; readonly months: number }
  | { readonly kind: 'benefit-months'; readonly months: number };

export const SEC174_DOMESTIC = federal<Sec174Treatment>({
  id: 'sec174.domestic',
  title: 'Domestic research or experimental expenditures: recovery by the tax year paid or incurred',
  unit: { months: 'month' },
  history: [
    {
      from: 1994,
      through: 2021,
      value: { kind: 'deduct' },
      status: 'enacted',
      citations: ['IRC §174(a) (before P.L. 115-97)'],
      url: usc26('174'),
      note: 'Current deduction, the default before TCJA (the §174(b) 60-month election is not modelled).',
    },
    {
      from: 2022,
      through: 2024,
      value: { kind: 'midpoint', months: 60 },
      status: 'enacted',
      citations: ['IRC §174(a)(2)(B) as amended by P.L. 115-97 §13206', 'IRC §174(c)(3) (software development)'],
      url: usc26('174', 'a_2_B'),
      note: 'Ratably over 60 months from the midpoint of the tax year: 10%, 20%, 20%, 20%, 20%, 10%.',
    },
    {
      from: 2025,
      value: { kind: 'deduct' },
      status: 'enacted',
      citations: ['IRC §174A(a)', 'P.L. 119-21 §70302(a)'],
      url: usc26('174A', 'a'),
    },
  ],
});

export const SEC174_FOREIGN = federal<Sec174Treatment>({
  id: 'sec174.foreign',
  title: 'Foreign research: recovery by the tax year paid or incurred',
  unit: { months: 'month' },
  history: [
    {
      from: 1994,
      through: 2021,
      value: { kind: 'deduct' },
      status: 'enacted',
      citations: ['IRC §174(a) (before P.L. 115-97)'],
      url: usc26('174'),
    },
    {
      from: 2022,
      value: { kind: 'midpoint', months: 180 },
      status: 'enacted',
      citations: ['IRC §174(a)(2)(B)', 'P.L. 115-97 §13206', 'P.L. 119-21 §70302 (foreign research stays under §174)'],
      url: usc26('174', 'a_2_B'),
      note: 'Ratably over 15 years from the midpoint: 1/30, then 1/15 for 14 years, then 1/30.',
    },
  ],
});

const SEC174A_EFFECTIVE =
  'P.L. 119-21 §70302 (amounts paid or incurred in tax years beginning after December 31, 2024)';

export const SEC174A_ELECTIVE_AMORTIZATION = federal<Sec174Treatment | null>({
  id: 'sec174a.elective-amortization',
  title: '§174A(c) election: domestic R&E amortized ratably from the month benefits are first realized',
  unit: { months: 'month' },
  history: [
    notYetEnacted(2024, SEC174A_EFFECTIVE, PL_119_21),
    {
      from: 2025,
      value: { kind: 'benefit-months', months: 60 },
      status: 'enacted',
      citations: ['IRC §174A(c)', 'P.L. 119-21 §70302(a)'],
      url: usc26('174A', 'c'),
      note: 'At least 60 months; the engine uses exactly 60, counted in calendar months (calendar-year taxpayers).',
    },
  ],
});

export interface TransitionWindow {
  /** First and last vintages (tax years incurred) the transition applies to. */
  readonly vintagesFrom: number;
  readonly vintagesThrough: number;
}

export const SEC174_TRANSITION_ACCELERATION = federal<TransitionWindow | null>({
  id: 'sec174.transition.accelerate-remainder',
  title:
    'Unamortized 2022–2024 domestic R&E deducted in the first tax year beginning after 2024 (or half then, half the next year)',
  unit: 'year',
  history: [
    notYetEnacted(2024, SEC174A_EFFECTIVE, PL_119_21),
    {
      from: 2025,
      value: { vintagesFrom: 2022, vintagesThrough: 2024 },
      status: 'interpretation',
      citations: ['P.L. 119-21 §70302(f)(2)'],
      url: PL_119_21,
    },
  ],
});

export const SEC174_TRANSITION_RETROACTIVE = federal<
  (TransitionWindow & { readonly grossReceiptsLimit: string }) | null
>({
  id: 'sec174.transition.small-business-retroactive',
  title: 'Eligible small business: §174A applied to domestic R&E of tax years beginning after 2021',
  unit: { vintagesFrom: 'year', vintagesThrough: 'year', grossReceiptsLimit: 'USD' },
  history: [
    notYetEnacted(2024, SEC174A_EFFECTIVE, PL_119_21),
    {
      from: 2025,
      value: { vintagesFrom: 2022, vintagesThrough: 2024, grossReceiptsLimit: '31000000' },
      status: 'interpretation',
      citations: ['P.L. 119-21 §70302(f)(1)', 'IRC §448(c)', 'Rev. Proc. 2025-28'],
      url: PL_119_21,
      note: '§448(c) average gross receipts ≤ $31M for the first tax year beginning after 2024, not a tax shelter; amended returns were due by July 6, 2026.',
    },
  ],
});
