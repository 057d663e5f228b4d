/**
 * The template code the Template tab loads on first use (panel/src/lazy.ts): render and parse
 * (Insert, Load firm template) and the year actions' planners (template upgrade, roll forward).
 */
export { parseTemplate } from '@core/templates/parse';
export { renderTemplate } from '@core/templates/render';
export { applyUpgradeToGrids, planTemplateUpgrade, templateUpgradeLines } from '@core/templates/upgrade';
export { planRollForward, rollForwardLines } from '@core/yoy/rollforward';
