/** The Form 6765 computation the Form 6765 tab loads on first use (panel/src/lazy.ts). */
export { computeStudy } from '@core/compute';
