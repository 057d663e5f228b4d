/** Arizona (US-AZ): the credit for increased research activities, A.R.S. §43-1168 / §43-1074.01. */
import { lawFolder } from '../../define';
import * as credit from './credit';

export * from './credit';

export const AZ_LAW = lawFolder('US-AZ', 'Arizona', [
  ['Credit for increased research activities — A.R.S. §43-1168, §43-1074.01', credit],
]);
