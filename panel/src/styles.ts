/**
 * The panel's stylesheet. `mountPanel` adds it to the document once (a `<style>` element with
 * textContent), so the Excel task pane, the one-file Sheets sidebar and the demo page need no
 * separate CSS asset. Sized for a 300–350 px pane; colours pair with words (never colour alone).
 */
export const PANEL_STYLE_ID = 'rdcs-panel-style';

export const PANEL_CSS = `
.rdcs-panel { font: 13px/1.4 "Segoe UI", system-ui, -apple-system, Roboto, Arial, sans-serif; color: #1f1f1f; box-sizing: border-box; min-width: 280px; max-width: 100%; padding: 8px 10px 16px; overflow-wrap: anywhere; }
.rdcs-panel *, .rdcs-panel *::before, .rdcs-panel *::after { box-sizing: inherit; }
.rdcs-panel h1 { font-size: 16px; margin: 0 0 4px; font-weight: 600; }
.rdcs-panel h2 { font-size: 14px; margin: 14px 0 6px; font-weight: 600; }
.rdcs-panel h3 { font-size: 13px; margin: 10px 0 4px; font-weight: 600; }
.rdcs-panel p { margin: 4px 0; }
.rdcs-tagline { color: #555; font-size: 12px; margin: 0 0 8px; }
.rdcs-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
.rdcs-panel button, .rdcs-panel select, .rdcs-panel input { font: inherit; }
.rdcs-btn { border: 1px solid #8a8886; background: #fff; color: #1f1f1f; border-radius: 3px; padding: 5px 12px; cursor: pointer; }
.rdcs-btn:hover:not(:disabled) { background: #f3f2f1; }
.rdcs-btn-primary { background: #0f6cbd; border-color: #0f6cbd; color: #fff; }
.rdcs-btn-primary:hover:not(:disabled) { background: #115ea3; }
.rdcs-btn:disabled { opacity: .55; cursor: default; }
.rdcs-btn[aria-pressed="true"] { background: #fff4ce; border-color: #8a6d00; }
.rdcs-panel :focus-visible { outline: 2px solid #0f6cbd; outline-offset: 2px; }
.rdcs-panel select { max-width: 100%; padding: 3px; }
.rdcs-field { display: block; margin: 6px 0; }
.rdcs-field > span { display: block; font-size: 12px; color: #444; margin-bottom: 2px; }
.rdcs-status { min-height: 1.4em; color: #333; }
.rdcs-problem { border-left: 3px solid #a4262c; background: #fdf3f4; padding: 6px 8px; margin: 6px 0; }
.rdcs-problem ul { margin: 4px 0 0; padding-left: 18px; }
.rdcs-notice { border-left: 3px solid #8a6d00; background: #fffbe6; padding: 6px 8px; margin: 6px 0; }
.rdcs-study { font-size: 12px; color: #333; background: #f5f5f5; padding: 6px 8px; border-radius: 3px; }
.rdcs-counts { font-weight: 600; }
.rdcs-group { margin-top: 6px; }
.rdcs-list { list-style: none; margin: 0; padding: 0; }
.rdcs-finding { margin: 0 0 4px; }
.rdcs-finding-btn { display: block; width: 100%; text-align: left; border: 1px solid #d1d1d1; border-left-width: 4px; background: #fff; padding: 5px 7px; border-radius: 3px; cursor: pointer; color: inherit; }
.rdcs-finding-btn:hover { background: #f7f7f7; }
.rdcs-finding-btn[aria-current="true"] { background: #eef5fc; border-color: #0f6cbd; }
.rdcs-sev-error .rdcs-finding-btn { border-left-color: #a4262c; }
.rdcs-sev-warning .rdcs-finding-btn { border-left-color: #8a6d00; }
.rdcs-sev-info .rdcs-finding-btn { border-left-color: #0f6cbd; }
.rdcs-finding-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 6px; font-size: 12px; }
.rdcs-cell { font-weight: 600; font-family: Consolas, "Courier New", monospace; overflow-wrap: anywhere; }
.rdcs-rule { color: #555; font-family: Consolas, "Courier New", monospace; overflow-wrap: anywhere; text-align: right; margin-left: auto; }
.rdcs-message { display: block; margin: 2px 0; overflow-wrap: anywhere; }
.rdcs-citation { display: block; font-size: 11px; color: #555; }
.rdcs-sev-label { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
.rdcs-more { margin-top: 4px; }
.rdcs-filters { margin: 4px 0 6px; }
.rdcs-chips { display: flex; flex-wrap: wrap; gap: 4px; }
.rdcs-chip { display: inline-flex; align-items: center; gap: 4px; border: 1px solid #c8c6c4; background: #fff; color: #1f1f1f; border-radius: 12px; padding: 2px 10px; cursor: pointer; font-size: 12px; white-space: nowrap; }
.rdcs-chip:hover:not(:disabled) { background: #f3f2f1; }
.rdcs-chip[aria-pressed="true"] { background: #eef5fc; border-color: #0f6cbd; font-weight: 600; }
.rdcs-chip[aria-pressed="false"] .rdcs-chip-text { text-decoration: line-through; }
.rdcs-chip:disabled { opacity: .55; cursor: default; }
.rdcs-mark { flex: none; font-size: 11px; }
.rdcs-chip-error .rdcs-mark, .rdcs-sev-error .rdcs-mark, .rdcs-group-error > h3 .rdcs-mark { color: #a4262c; }
.rdcs-chip-warning .rdcs-mark, .rdcs-sev-warning .rdcs-mark, .rdcs-group-warning > h3 .rdcs-mark { color: #8a6d00; }
.rdcs-chip-info .rdcs-mark, .rdcs-sev-info .rdcs-mark, .rdcs-group-info > h3 .rdcs-mark { color: #0f6cbd; }
.rdcs-search-row { flex-wrap: nowrap; }
.rdcs-search { flex: 1 1 auto; min-width: 0; border: 1px solid #8a8886; border-radius: 3px; padding: 4px 6px; }
.rdcs-group-by { flex: none; }
.rdcs-shown { font-size: 12px; color: #555; }
.rdcs-none { color: #555; font-style: italic; }
.rdcs-panel h3.rdcs-group-heading { margin: 0; font-size: 13px; }
.rdcs-group-btn { display: flex; align-items: baseline; gap: 6px; width: 100%; text-align: left; background: none; border: none; border-bottom: 1px solid #e1dfdd; padding: 6px 2px; color: inherit; cursor: pointer; font-weight: 600; }
.rdcs-group-btn:hover { background: #f7f7f7; }
.rdcs-group-btn[aria-expanded="true"] .rdcs-chevron { transform: rotate(90deg) translateX(-1px); }
.rdcs-group-text { flex: 1 1 auto; min-width: 0; }
.rdcs-group-label { display: block; font-family: Consolas, "Courier New", monospace; font-size: 12px; overflow-wrap: anywhere; }
.rdcs-group-detail { display: block; font-weight: normal; font-size: 12px; color: #444; }
.rdcs-group-count { flex: none; font-size: 11px; font-weight: normal; border: 1px solid #c8c6c4; border-radius: 8px; padding: 0 6px; font-variant-numeric: tabular-nums; }
.rdcs-group .rdcs-list { margin: 4px 0 6px; }
@media (forced-colors: active) { .rdcs-chip[aria-pressed="true"] { border-width: 2px; } .rdcs-finding-btn { border-left-width: 1px; } .rdcs-finding-btn[aria-current="true"] { outline: 2px solid Highlight; } }
.rdcs-tabs { display: flex; gap: 2px; border-bottom: 1px solid #c8c6c4; margin: 10px 0 6px; }
.rdcs-tab { font-weight: 600; border: 1px solid transparent; border-bottom: none; background: none; color: #444; padding: 5px 10px; border-radius: 3px 3px 0 0; cursor: pointer; margin-bottom: -1px; }
.rdcs-tab:hover { background: #f3f2f1; }
.rdcs-tab[aria-selected="true"] { color: #0f6cbd; background: #fff; border-color: #c8c6c4; box-shadow: inset 0 -2px 0 #0f6cbd; }
.rdcs-form-title { font-size: 14px; margin: 6px 0 2px; }
.rdcs-form-year { font-size: 12px; color: #555; }
.rdcs-method { border-left: 3px solid #0f6cbd; background: #eef5fc; padding: 6px 8px; margin: 6px 0; }
.rdcs-form-section { border-top: 1px solid #e1dfdd; }
.rdcs-form-section h3 { margin: 0; }
.rdcs-sec-btn { display: flex; align-items: baseline; gap: 6px; width: 100%; text-align: left; background: none; border: none; padding: 7px 2px; font-weight: 600; color: inherit; cursor: pointer; }
.rdcs-sec-btn:hover { background: #f7f7f7; }
.rdcs-chevron { flex: none; display: inline-block; width: 0; height: 0; border: 5px solid transparent; border-left-color: #444; border-right-width: 0; transform: translateY(-1px); }
.rdcs-sec-btn[aria-expanded="true"] .rdcs-chevron { transform: rotate(90deg) translateX(-1px); }
.rdcs-sec-title { flex: 1 1 auto; min-width: 0; }
.rdcs-sec-badge { flex: none; font-size: 11px; font-weight: normal; color: #555; border: 1px solid #c8c6c4; border-radius: 8px; padding: 0 6px; }
.rdcs-sec-badge.rdcs-missing { color: #a4262c; border-color: #a4262c; }
.rdcs-form-body { padding: 0 0 8px; }
.rdcs-lines { list-style: none; margin: 0; padding: 0; }
.rdcs-line { padding: 4px 0; border-bottom: 1px solid #f0f0f0; }
.rdcs-line-main { display: flex; align-items: baseline; gap: 6px; }
.rdcs-line-no { flex: none; width: 2.6em; font-weight: 600; font-variant-numeric: tabular-nums; color: #444; }
.rdcs-line-label { flex: 1 1 auto; min-width: 0; }
.rdcs-line-value { flex: none; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; padding-left: 4px; }
.rdcs-line-value.rdcs-missing, .rdcs-line-textvalue.rdcs-missing { color: #a4262c; font-style: italic; }
.rdcs-line-value.rdcs-skipped { color: #555; font-style: italic; }
.rdcs-line-textvalue { display: block; font-weight: 600; }
.rdcs-panel .rdcs-line-detail, .rdcs-panel .rdcs-line-note, .rdcs-panel .rdcs-line-why, .rdcs-panel .rdcs-line-cell, .rdcs-line-meta { margin: 2px 0 0 calc(2.6em + 6px); font-size: 12px; }
.rdcs-line-meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 10px; }
.rdcs-line-meta details[open] { flex-basis: 100%; }
.rdcs-link { border: none; background: none; padding: 0; color: #0f6cbd; text-decoration: underline; cursor: pointer; font-size: 11px; font-family: Consolas, "Courier New", monospace; }
.rdcs-link:hover { color: #115ea3; }
.rdcs-link[aria-current="true"] { font-weight: 600; }
.rdcs-line-detail { color: #444; font-variant-numeric: tabular-nums; }
.rdcs-line-note { color: #555; }
.rdcs-line-why { border-left: 3px solid #a4262c; background: #fdf3f4; padding: 3px 6px; }
.rdcs-goto { padding: 2px 8px; font-size: 12px; }
.rdcs-goto[aria-current="true"] { background: #eef5fc; border-color: #0f6cbd; }
.rdcs-law { color: #555; font-size: 11px; }
.rdcs-law summary { cursor: pointer; width: max-content; }
.rdcs-law-rule, .rdcs-law-cite { display: block; }
.rdcs-line-total { font-weight: 600; border-bottom: none; }
.rdcs-g-status { margin: 6px 0; }
.rdcs-panel .rdcs-g-note { font-size: 12px; color: #555; margin: 6px 0; }
.rdcs-components { display: block; }
.rdcs-component { border: 1px solid #d1d1d1; border-radius: 3px; padding: 4px 7px; margin: 6px 0; }
.rdcs-component-unassigned { border-color: #8a6d00; }
.rdcs-panel .rdcs-component-name { font-size: 13px; margin: 2px 0 4px; overflow-wrap: anywhere; }
.rdcs-panel .rdcs-component .rdcs-line-cell, .rdcs-panel .rdcs-component .rdcs-line-why { margin-left: 0; }
.rdcs-more-lines { font-size: 12px; margin: 4px 0 0; }
.rdcs-more-lines summary { cursor: pointer; color: #444; }
.rdcs-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* finding actions (H-act) */
.rdcs-btn-small { min-height: 24px; padding: 1px 8px; font-size: 12px; line-height: 16px; }
.rdcs-finding-actions { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; margin: 2px 0 6px; min-width: 0; }
.rdcs-finding-actions > .rdcs-btn { flex: 0 1 auto; min-width: 0; }
.rdcs-waive-form { flex: 1 1 100%; min-width: 0; }
.rdcs-waive-form label { display: block; font-size: 12px; line-height: 16px; color: var(--rdcs-fg2); margin: 4px 0 2px; }
.rdcs-waive-reason { display: block; width: 100%; max-width: 100%; min-height: 48px; resize: vertical; font: inherit; color: var(--rdcs-fg); background: var(--rdcs-ctl); border: 1px solid var(--rdcs-line); border-bottom-color: var(--rdcs-line3); border-radius: var(--rdcs-r); padding: 4px 8px; }
.rdcs-waive-form .rdcs-row { margin: 4px 0; }
.rdcs-panel .rdcs-problem-line { color: var(--rdcs-err); font-size: 12px; line-height: 16px; margin: 2px 0; }
.rdcs-problem-line:empty { display: none; }
.rdcs-panel .rdcs-waiver { font-size: 12px; line-height: 16px; color: var(--rdcs-fg2); margin: 2px 0 6px; }
.rdcs-act { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; margin: 8px 0; padding: 6px 8px; border-left: 3px solid var(--rdcs-brand); background: var(--rdcs-info-bg); border-radius: var(--rdcs-r); }
.rdcs-panel .rdcs-act-text { flex: 1 1 180px; min-width: 0; margin: 0; }
.rdcs-act-failed { color: var(--rdcs-err); }
.rdcs-act:has(.rdcs-act-failed) { border-left-color: var(--rdcs-err); background: var(--rdcs-err-bg, var(--rdcs-info-bg)); }
.rdcs-export { margin: 4px 0 8px; }
.rdcs-export-row { margin: 4px 0; gap: 4px 8px; }
.rdcs-export-label { font-size: 12px; color: var(--rdcs-fg2); }
.rdcs-panel .rdcs-export-result { font-size: 12px; line-height: 16px; color: var(--rdcs-fg2); margin: 2px 0; }
.rdcs-export-result:empty { display: none; }
@media (forced-colors: active) {
 .rdcs-act, .rdcs-waive-reason { border: 1px solid CanvasText; }
 .rdcs-act-failed, .rdcs-panel .rdcs-problem-line { color: CanvasText; }
}
`;

/** The demo page's grid (workbook-view.ts); here so that the page's CSP can hash it without loading DOM code. */
export const WORKBOOK_VIEW_CSS = `
.rdcs-wb { font: 12px/1.3 "Segoe UI", system-ui, Arial, sans-serif; display: flex; flex-direction: column; height: 100%; min-height: 0; }
.rdcs-wb-tabs { display: flex; flex-wrap: wrap; gap: 2px; border-bottom: 1px solid #c8c6c4; padding: 4px 4px 0; background: #f3f2f1; }
.rdcs-wb-tab { border: 1px solid #c8c6c4; border-bottom: none; background: #e1dfdd; padding: 3px 10px; cursor: pointer; font: inherit; border-radius: 3px 3px 0 0; }
.rdcs-wb-tab[aria-selected="true"] { background: #fff; font-weight: 600; color: #107c41; }
.rdcs-wb-tab:focus-visible, .rdcs-wb-scroll:focus-visible { outline: 2px solid #0f6cbd; outline-offset: 1px; }
.rdcs-wb-scroll { overflow: auto; flex: 1; min-height: 0; background: #fff; }
.rdcs-wb table { border-collapse: collapse; }
.rdcs-wb th, .rdcs-wb td { border: 1px solid #e1dfdd; padding: 2px 6px; white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
.rdcs-wb th { background: #f3f2f1; color: #444; font-weight: normal; position: sticky; top: 0; }
.rdcs-wb th.rdcs-wb-rowhead { position: sticky; left: 0; text-align: right; }
.rdcs-wb td.rdcs-num { text-align: right; }
.rdcs-wb tr:first-child + tr td { font-weight: 600; }
.rdcs-wb td.rdcs-marked { background: #fff2a8; }
.rdcs-wb td.rdcs-selected { outline: 2px solid #107c41; outline-offset: -2px; background: #e6f4ea; }
.rdcs-wb td.rdcs-marked.rdcs-selected { background: #f4e98a; }
`;
