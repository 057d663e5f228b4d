/** Federal law: the constructor every rule under law/federal uses, and the primary texts' addresses. */
import { https, rulesOf } from '../define';

export const federal = rulesOf('US');

/** Title 26 of the US Code (the Internal Revenue Code) at Cornell LII; `anchor` is its pinpoint (`c_4_A`). */
export const usc26 = (section: string, anchor?: string) =>
  https(`www.law.cornell.edu/uscode/text/26/${section}${anchor ? `#${anchor}` : ''}`);

/** P.L. 119-21 (H.R. 1, 119th Congress): §70302 (§174A and its transition rules) is not codified. */
export const PL_119_21 = https('www.congress.gov/bill/119th-congress/house-bill/1/text');
