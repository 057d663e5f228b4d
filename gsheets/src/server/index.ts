/**
 * The Apps Script server as one library object. webpack bundles this file with core into
 * the body of `rdcs_()` in Code.js; the generated top-level functions (custom functions,
 * triggers, menu and sidebar entry points) call into it, so nothing is built until a function
 * actually runs.
 */
import type { SidebarServer, TriggerServer } from '../shared/api';
import { sidebarAppendWaiver, sidebarRemoveWaiver, sidebarWriteCell } from './edit';
import { sidebarApplyEdit } from './apply-plan';
import { sidebarChunk } from './chunks';
import { sidebarInsertSheets } from './insert';
import { sidebarClearMarks, sidebarMarkCells } from './marks';
import { onInstall, onOpen, showTemplateSidebar, showValidateSidebar } from './menu';
import { sidebarReadRows, sidebarReadWorkbook, sidebarSelectCell } from './workbook';

export { customFunction } from './custom-functions';

// Typed against the shared contract: a renamed or missing entry point fails to compile, and
// the Code.js generator checks that each ENTRY_POINTS name is here.
export const entryPoints: SidebarServer & TriggerServer = {
  onOpen,
  onInstall,
  showValidateSidebar,
  showTemplateSidebar,
  sidebarReadWorkbook,
  sidebarReadRows,
  sidebarSelectCell,
  sidebarMarkCells,
  sidebarClearMarks,
  sidebarInsertSheets,
  sidebarWriteCell,
  sidebarAppendWaiver,
  sidebarRemoveWaiver,
  sidebarApplyEdit,
  sidebarChunk,
};
