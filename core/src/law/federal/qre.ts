/** Qualified research expenses, IRC §41(b). */
import { notYetEnacted } from '../define';
import type { Rule } from '../types';
import { federal, usc26 } from './define';

export const WAGE_SUBSTANTIALLY_ALL_THRESHOLD = federal<string>({
  id: 'qre.wages.substantially-all-threshold',
  title: 'Share of services at or above which 100% of the wages are qualified services wages',
  unit: 'rate',
  history: [
    {
      from: 1994,
      value: '0.8',
      status: 'enacted',
      citations: ['IRC §41(b)(2)(B) (last sentence)', 'Treas. Reg. §1.41-2(d)(2)'],
      url: usc26('41', 'b_2_B'),
      note: 'A cliff: 79.99% counts 79.99%, 80% counts 100%. Not the 80% process-of-experimentation rule of Reg. §1.41-4(a)(6).',
    },
  ],
});

export type ContractType = 'standard' | 'consortium' | 'energy';

export const CONTRACT_RESEARCH_RATE: Record<ContractType, Rule<string | null>> = {
  standard: federal({
    id: 'qre.contract.standard-rate',
    title: 'Contract research expenses: share of amounts paid to non-employees',
    unit: 'rate',
    history: [
      {
        from: 1994,
        value: '0.65',
        status: 'enacted',
        citations: ['IRC §41(b)(3)(A)'],
        url: usc26('41', 'b_3_A'),
      },
    ],
  }),
  consortium: federal({
    id: 'qre.contract.consortium-rate',
    title: 'Contract research expenses paid to a qualified research consortium',
    unit: 'rate',
    history: [
      {
        from: 1994,
        value: '0.75',
        status: 'enacted',
        citations: ['IRC §41(b)(3)(C)'],
        url: usc26('41', 'b_3_C'),
      },
    ],
  }),
  energy: federal<string | null>({
    id: 'qre.contract.energy-rate',
    title: 'Energy research paid to an eligible small business, university or federal laboratory',
    unit: 'rate',
    history: [
      notYetEnacted(2004, 'P.L. 109-58 §1351(c) (amounts paid or incurred after August 8, 2005)'),
      {
        from: 2005,
        value: '1',
        status: 'interpretation',
        citations: ['IRC §41(b)(3)(D)', 'Energy Policy Act of 2005, P.L. 109-58 §1351'],
        url: usc26('41', 'b_3_D'),
        note: 'Enacted for amounts paid or incurred after August 8, 2005; keyed here on tax years beginning in 2005. Non-energy university research stays at 65%.',
      },
    ],
  }),
};
