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
