/** Illinois (US-IL): the research and development credit, 35 ILCS 5/201(k). */
import { lawFolder } from '../../define';
import * as credit from './credit';

export * from './credit';

export const IL_LAW = lawFolder('US-IL', 'Illinois', [['Research and development credit — 35 ILCS 5/201(k)', credit]]);
