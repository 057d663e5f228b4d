/** Massachusetts (US-MA): the research credit, M.G.L. c. 63 §38M and 830 CMR 63.38M.1. */
import { lawFolder } from '../../define';
import * as credit from './credit';

export * from './credit';

export const MA_LAW = lawFolder('US-MA', 'Massachusetts', [
  ['Research credit — M.G.L. c. 63 §38M, 830 CMR 63.38M.1', credit],
]);
