/** Texas (US-TX): the franchise-tax research credit, Tax Code ch. 171 subch. M and T — keyed on report years. */
import { lawFolder } from '../../define';
import * as credit from './credit';

export * from './credit';

export const TX_LAW = lawFolder('US-TX', 'Texas', [
  ['Franchise-tax research credit — Tax Code ch. 171 subch. M, T (by report year)', credit],
]);
