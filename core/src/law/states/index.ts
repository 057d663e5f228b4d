/**
 * State law: one folder per state, `states/<st>/` (two-letter code, lower case), whose index
 * exports `<ST>_LAW = lawFolder('US-<ST>', '<State name>', [[topic, file], …])` declared with
 * `rulesOf('US-<ST>')`. List each state's folder here; law.test fails for a rule file under
 * `states/` that this list does not reach. No state is encoded yet (states/README.md).
 */
import type { LawFolder } from '../define';

export const STATE_LAW: readonly LawFolder[] = [];
