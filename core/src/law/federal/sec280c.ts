/** The §280C(c) reduced credit election. */
import { federal, usc26 } from './define';

export const SEC280C_REDUCED_CREDIT_FACTOR = federal<string>({
  id: 'credit.280c.reduced-credit-factor',
  title: 'Reduced credit = credit × (1 − maximum §11(b) corporate rate)',
  unit: 'factor',
  history: [
    {
      from: 1994,
      through: 2017,
      value: '0.65',
      status: 'enacted',
      citations: ['IRC §280C(c)(3)(B) (pre-2018)', 'IRC §11(b) (35% maximum rate)'],
      url: usc26('280C', 'c'),
    },
    {
      from: 2018,
      value: '0.79',
      status: 'enacted',
      citations: ['IRC §280C(c)(2)(B)', 'IRC §11(b) (21%, P.L. 115-97 §13001)'],
      url: usc26('280C', 'c_2_B'),
    },
  ],
});

/**
 * Without the election, what the credit reduces (how a return applies §280C(c)(1)). Recorded
 * for the return and docs/law.md; `rdtax compute` does not yet adjust a deduction by it.
 */
export type Sec280cNoElection =
  | 'deduction reduced by the credit'
  | 'capital account reduced by the excess of the credit over the §174 amortization deduction'
  | '§174A deduction (or amount charged to capital account) reduced by the credit';

export const SEC280C_WITHOUT_ELECTION = federal<Sec280cNoElection>({
  id: 'credit.280c.without-election',
  title: 'Without the §280C(c)(2) election: the amount the credit reduces',
  history: [
    {
      from: 1994,
      through: 2021,
      value: 'deduction reduced by the credit',
      status: 'enacted',
      citations: ['IRC §280C(c)(1) (before P.L. 115-97 §13206(d))'],
      url: usc26('280C', 'c_1'),
    },
    {
      from: 2022,
      through: 2024,
      value: 'capital account reduced by the excess of the credit over the §174 amortization deduction',
      status: 'enacted',
      citations: ['IRC §280C(c)(1) as amended by P.L. 115-97 §13206(d)'],
      url: usc26('280C', 'c_1'),
    },
    {
      from: 2025,
      value: '§174A deduction (or amount charged to capital account) reduced by the credit',
      status: 'enacted',
      citations: ['IRC §280C(c)(1) as amended by P.L. 119-21 §70302(b)', 'Form 6765 instructions (line 13)'],
      url: usc26('280C', 'c_1'),
      note: 'Foreign research amortized under §174 is not reduced.',
    },
  ],
});
