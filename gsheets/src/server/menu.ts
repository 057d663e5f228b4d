/** The menu and the sidebar it opens. */
import type { StartView } from '../shared/api';

const MENU_TITLE = 'RD Credit Studio';
/** HtmlService file name: gsheets/dist/Sidebar.html. */
const SIDEBAR_FILE = 'Sidebar';
/** The sidebar shell carries this attribute; the menu item that opened it sets the view. */
const START_VIEW_ATTRIBUTE = 'data-start-view="validate"';

/**
 * In AuthMode.NONE (an add-on installed for the user but not yet used in this file) only an
 * add-on menu under Extensions may be created; a bound script's onOpen always runs LIMITED
 * and gets its own top-level menu. Compared as text so that nothing here needs ScriptApp.
 */
function isAuthModeNone(e: unknown): boolean {
  const mode = e !== null && typeof e === 'object' ? (e as { authMode?: unknown }).authMode : undefined;
  return mode !== undefined && String(mode) === 'NONE';
}

export function onOpen(e?: unknown): void {
  const ui = SpreadsheetApp.getUi();
  const menu = isAuthModeNone(e) ? ui.createAddonMenu() : ui.createMenu(MENU_TITLE);
  menu.addItem('Validate study…', 'showValidateSidebar').addItem('Insert template…', 'showTemplateSidebar').addToUi();
}

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
