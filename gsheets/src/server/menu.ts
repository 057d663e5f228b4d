/** The menu and the sidebar it opens. */
import type { StartView } from '../shared/api';

const MENU_TITLE = 'RD Credit Studio';
/** HtmlService file name: gsheets/dist/Sidebar.html. */
const SIDEBAR_FILE = 'Sidebar';
/** The sidebar shell carries this attribute; the menu item that opened it sets the view. */
const START_VIEW_ATTRIBUTE = 'data-start-view="validate"';

/**
 * Where the menu goes. A published Editor add-on puts its menu under Extensions
 * (`createAddonMenu`); a script bound to one spreadsheet gets its own top-level menu
 * (`createMenu`). Which one this is:
 * - AuthMode.NONE (an add-on installed for the user but not yet used in this file) happens only
 *   to add-ons, and allows nothing but building the add-on menu — no ScriptApp, no spreadsheet,
 *   no properties — so nothing else is called then;
 * - otherwise ScriptApp.getInstallationSource() is NONE for a script that is not running as an
 *   add-on (a bound script) and names the store or the domain install for an add-on.
 * When it cannot tell (the call fails), the add-on menu: it works in both deployments.
 * AuthMode and InstallationSource are compared as text, so nothing here needs their enums.
 */
function menuPlace(e: unknown): 'addon' | 'top' {
  try {
    const mode = (e as { authMode?: unknown } | undefined)?.authMode;
    return String(mode) !== 'NONE' && String(ScriptApp.getInstallationSource()) === 'NONE' ? 'top' : 'addon';
  } catch {
    return 'addon';
  }
}

export function onOpen(e?: unknown): void {
  const ui = SpreadsheetApp.getUi();
  const menu = menuPlace(e) === 'addon' ? ui.createAddonMenu() : ui.createMenu(MENU_TITLE);
  menu.addItem('Validate study…', 'showValidateSidebar').addItem('Insert template…', 'showTemplateSidebar').addToUi();
}

/**
 * An add-on's install trigger (AuthMode.FULL, only ever for an add-on): the menu at once,
 * without reopening the file — onInstall calls onOpen, as Google's add-on guide asks. Running
 * as an add-on, getInstallationSource() names the install, so the menu goes under Extensions.
 */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

function showSidebar(view: StartView): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(MENU_TITLE);
  if (view !== 'validate')
    html.setContent(html.getContent().replace(START_VIEW_ATTRIBUTE, `data-start-view="${view}"`));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showValidateSidebar(): void {
  showSidebar('validate');
}

export function showTemplateSidebar(): void {
  showSidebar('templates');
}
