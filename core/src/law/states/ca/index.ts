/** California (US-CA): the research credit, R&TC §23609 / §17052.12. */
import { lawFolder } from '../../define';
import * as credit from './credit';

export * from './credit';

export const CA_LAW = lawFolder('US-CA', 'California', [['Research credit — R&TC §23609, §17052.12', credit]]);
