/**
 * State law: one folder per state, `states/<st>/` (two-letter code, lower case), whose index
 * exports `<ST>_LAW = lawFolder('US-<ST>', '<State name>', [[topic, file], …])` declared with
 * `rulesOf('US-<ST>')`. List each state's folder here; law.test fails for a rule file under
 * `states/` that this list does not reach.
 */
import type { LawFolder } from '../define';
import { AZ_LAW } from './az';
import { CA_LAW } from './ca';
import { IL_LAW } from './il';
import { MA_LAW } from './ma';
import { TX_LAW } from './tx';

export * from './az';
export * from './ca';
export * from './il';
export * from './ma';
export * from './tx';

/** In the order of RD_STATE_CREDIT's list: CA, TX, IL, AZ, MA. */
export const STATE_LAW: readonly LawFolder[] = [CA_LAW, TX_LAW, IL_LAW, AZ_LAW, MA_LAW];
