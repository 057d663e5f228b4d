/**
 * The panel's stylesheet. `mountPanel` adds it to the document once (a `<style>` element with
 * textContent), so the Excel task pane, the one-file Sheets sidebar and the demo page need no
 * separate CSS asset — and nothing is fetched: no font, no CDN, no design-system package.
 *
 * One markup, host themes as sets of CSS custom properties on `.rdcs-panel`:
 * - Excel (the default): Fluent 2 — Segoe UI type ramp (12/16, 14/20, 16/22, 20/28), spacing
 *   4/8/12/16, the neutral and brand colour tokens, 4 px corners, the 2 px focus stroke.
 * - `data-theme="dark"` (set by the Excel host from Office's theme) or, where no host set a
 *   theme (Sheets, the demo page), `prefers-color-scheme: dark`: Fluent's dark tokens.
 * - `data-host="sheets"`: Google Workspace add-on conventions (Google Sans/Roboto, Google blue,
 *   Material chips).
 * - `forced-colors: active`: system colours; every control keeps a border, the selected ones use
 *   Highlight; severities are a mark and a word, never colour alone.
 * Sized for a 300–350 px pane: tokens (cells, rule ids, file names) never break inside; a token
 * too long for the line is cut with an ellipsis and its full text is in a title or the control's name.
 */
export const PANEL_STYLE_ID = 'rdcs-panel-style';

/** Fluent 2 dark tokens (webDarkTheme), used by `data-theme="dark"` and by the dark colour scheme. */
const DARK =
  '--rdcs-bg:#292929;--rdcs-bg2:#1f1f1f;--rdcs-hover:#3d3d3d;--rdcs-pressed:#1f1f1f;--rdcs-sel:#082338;' +
  '--rdcs-fg:#fff;--rdcs-fg2:#d6d6d6;--rdcs-fg3:#adadad;--rdcs-line:#666;--rdcs-line2:#525252;--rdcs-line3:#adadad;' +
  '--rdcs-brand:#115ea3;--rdcs-brand-hover:#0f6cbd;--rdcs-on-brand:#fff;--rdcs-link:#479ef5;--rdcs-focus:#fff;' +
  '--rdcs-err:#e37d80;--rdcs-err-bg:#3b0509;--rdcs-warn:#faa06b;--rdcs-warn-bg:#4a1e04;--rdcs-info:#479ef5;--rdcs-info-bg:#082338;' +
  '--rdcs-ctl:#292929;--rdcs-ctl-fg:#fff;--rdcs-dis:#141414;--rdcs-dis-fg:#5c5c5c;color-scheme:dark;';
/** Google's dark surface and blue for the Sheets sidebar in a dark colour scheme. */
const SHEETS_DARK =
  '--rdcs-bg:#202124;--rdcs-bg2:#292a2d;--rdcs-hover:#35363a;--rdcs-sel:#394457;--rdcs-fg:#e8eaed;--rdcs-fg2:#bdc1c6;' +
  '--rdcs-fg3:#9aa0a6;--rdcs-line:#5f6368;--rdcs-line2:#3c4043;--rdcs-brand:#8ab4f8;--rdcs-brand-hover:#aecbfa;' +
  '--rdcs-on-brand:#202124;--rdcs-link:#8ab4f8;--rdcs-focus:#8ab4f8;--rdcs-err:#f28b82;--rdcs-warn:#fdd663;' +
  '--rdcs-info:#8ab4f8;--rdcs-info-bg:#394457;--rdcs-pressed:#3c4043;--rdcs-line3:#9aa0a6;--rdcs-ctl:#202124;--rdcs-ctl-fg:#8ab4f8;';
const PANEL = '.rdcs-panel';
const SHEETS = '.rdcs-panel[data-host="sheets"]';

export const PANEL_CSS =
  `
${PANEL}{--rdcs-font:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;--rdcs-mono:Consolas,"Cascadia Mono",Menlo,"Courier New",monospace;
 --rdcs-bg:#fff;--rdcs-bg2:#fafafa;--rdcs-hover:#f5f5f5;--rdcs-pressed:#e0e0e0;--rdcs-sel:#ebf3fc;--rdcs-fg:#242424;--rdcs-fg2:#424242;--rdcs-fg3:#616161;
 --rdcs-line:#d1d1d1;--rdcs-line2:#e0e0e0;--rdcs-line3:#616161;--rdcs-brand:#0f6cbd;--rdcs-brand-hover:#115ea3;--rdcs-on-brand:#fff;--rdcs-link:#0f6cbd;--rdcs-focus:#000;
 --rdcs-err:#b10e1c;--rdcs-err-bg:#fdf3f4;--rdcs-warn:#bc4b09;--rdcs-warn-bg:#fff9f5;--rdcs-info:#0f6cbd;--rdcs-info-bg:#ebf3fc;
 --rdcs-ctl:#fff;--rdcs-ctl-fg:#242424;--rdcs-dis:#f0f0f0;--rdcs-dis-fg:#bdbdbd;--rdcs-r:4px;--rdcs-chip-r:4px;--rdcs-btn-w:600;color-scheme:light;
 font:14px/20px var(--rdcs-font);color:var(--rdcs-fg);background:var(--rdcs-bg);box-sizing:border-box;min-width:0;max-width:100%;padding:0 12px 16px;overflow-wrap:break-word;}
${PANEL}[data-theme="dark"]{${DARK}}
@media (prefers-color-scheme:dark){${PANEL}:not([data-theme]){${DARK}}}
${SHEETS}{--rdcs-font:"Google Sans",Roboto,Arial,sans-serif;--rdcs-fg:#202124;--rdcs-fg2:#3c4043;--rdcs-fg3:#5f6368;--rdcs-line:#dadce0;--rdcs-line2:#e8eaed;--rdcs-line3:#80868b;
 --rdcs-brand:#1a73e8;--rdcs-brand-hover:#1765cc;--rdcs-link:#1967d2;--rdcs-sel:#e8f0fe;--rdcs-hover:#f1f3f4;--rdcs-pressed:#e8eaed;--rdcs-focus:#174ea6;
 --rdcs-err:#c5221f;--rdcs-warn:#b06000;--rdcs-info:#1967d2;--rdcs-info-bg:#e8f0fe;--rdcs-ctl-fg:#1967d2;--rdcs-chip-r:8px;--rdcs-btn-w:500;}
${SHEETS}[data-theme="dark"]{${SHEETS_DARK}}
@media (prefers-color-scheme:dark){${SHEETS}:not([data-theme]){${SHEETS_DARK}}}
.rdcs-panel *,.rdcs-panel *::before,.rdcs-panel *::after{box-sizing:inherit;}
.rdcs-panel h1{font-size:16px;line-height:22px;margin:0;font-weight:600;}
.rdcs-panel h2{font-size:16px;line-height:22px;margin:16px 0 8px;font-weight:600;}
.rdcs-panel h3{font-size:14px;line-height:20px;margin:12px 0 4px;font-weight:600;}
.rdcs-panel p{margin:4px 0;}
.rdcs-masthead{padding:12px 0 4px;}
.rdcs-tagline{color:var(--rdcs-fg3);font-size:12px;line-height:16px;margin:0 0 8px;}
.rdcs-header{position:sticky;top:0;z-index:2;background:var(--rdcs-bg);margin:0 -12px 8px;padding:8px 12px 0;border-bottom:1px solid var(--rdcs-line2);}
.rdcs-header-row{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;}
.rdcs-tally{display:flex;flex-wrap:wrap;gap:2px 8px;font-size:12px;line-height:16px;font-weight:600;}
.rdcs-tally-item{white-space:nowrap;}
.rdcs-row{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0;}
.rdcs-panel button,.rdcs-panel select,.rdcs-panel input{font:inherit;}
.rdcs-btn{display:inline-flex;align-items:center;justify-content:center;gap:4px;max-width:100%;min-height:32px;padding:5px 12px;border:1px solid var(--rdcs-line);border-radius:var(--rdcs-r);background:var(--rdcs-ctl);color:var(--rdcs-ctl-fg);font-weight:var(--rdcs-btn-w);cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}
.rdcs-btn:hover:not(:disabled){background:var(--rdcs-hover);border-color:var(--rdcs-line3);}
.rdcs-btn:active:not(:disabled){background:var(--rdcs-pressed);}
.rdcs-btn-primary{background:var(--rdcs-brand);border-color:transparent;color:var(--rdcs-on-brand);}
.rdcs-btn-primary:hover:not(:disabled){background:var(--rdcs-brand-hover);border-color:transparent;}
.rdcs-btn-primary:active:not(:disabled){background:var(--rdcs-brand-hover);}
.rdcs-btn-subtle{background:transparent;border-color:transparent;}
.rdcs-btn:disabled{background:var(--rdcs-dis);border-color:var(--rdcs-line2);color:var(--rdcs-dis-fg);cursor:default;}
.rdcs-btn[aria-pressed="true"]{background:var(--rdcs-sel);border-color:var(--rdcs-brand);color:var(--rdcs-fg);}
.rdcs-panel :focus-visible{outline:2px solid var(--rdcs-focus);outline-offset:1px;}
.rdcs-tabpanel :is(button,input,select,textarea,summary){scroll-margin-top:176px;scroll-margin-bottom:8px;}
.rdcs-panel select,.rdcs-search{min-height:32px;max-width:100%;border:1px solid var(--rdcs-line);border-bottom-color:var(--rdcs-line3);border-radius:var(--rdcs-r);background-color:var(--rdcs-ctl);color:var(--rdcs-fg);padding:5px 8px;}
.rdcs-panel select{appearance:none;padding-right:28px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;cursor:pointer;background-image:linear-gradient(45deg,transparent 50%,var(--rdcs-fg2) 50%),linear-gradient(135deg,var(--rdcs-fg2) 50%,transparent 50%);background-position:calc(100% - 16px) 55%,calc(100% - 11px) 55%;background-size:5px 5px;background-repeat:no-repeat;}
.rdcs-panel select option{background:var(--rdcs-bg);color:var(--rdcs-fg);}
.rdcs-field{display:block;margin:8px 0;min-width:0;}
.rdcs-field>span,.rdcs-field-label{display:block;font-size:12px;line-height:16px;color:var(--rdcs-fg2);margin-bottom:4px;}
.rdcs-field select{width:100%;}
.rdcs-file{display:flex;align-items:center;gap:8px;min-width:0;}
.rdcs-file .rdcs-btn{flex:none;}
.rdcs-file-name,.rdcs-token{min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;word-break:keep-all;overflow-wrap:normal;}
.rdcs-file-name{flex:1 1 auto;font-size:12px;color:var(--rdcs-fg2);}
.rdcs-result{font-size:12px;line-height:16px;color:var(--rdcs-fg2);margin:4px 0;}
.rdcs-result:empty{display:none;}
.rdcs-result-working{color:var(--rdcs-fg3);font-style:italic;}
.rdcs-result-problem{color:var(--rdcs-err);border-left:3px solid var(--rdcs-err);padding-left:8px;}
.rdcs-actions{display:flex;flex-wrap:wrap;gap:4px 8px;margin:0 0 8px;}
.rdcs-action{display:flex;flex-direction:column;align-items:flex-start;min-width:0;max-width:100%;}
.rdcs-actions .rdcs-btn:not(.rdcs-btn-primary){font-weight:normal;padding:5px 8px;}
.rdcs-action:has(.rdcs-result:not(:empty)),.rdcs-actions>.rdcs-result{flex-basis:100%;}
.rdcs-problem{border-left:3px solid var(--rdcs-err);background:var(--rdcs-err-bg);border-radius:var(--rdcs-r);padding:8px 12px;margin:8px 0;}
.rdcs-problem ul{margin:4px 0 0;padding-left:16px;}
.rdcs-notice{border-left:3px solid var(--rdcs-warn);background:var(--rdcs-warn-bg);border-radius:var(--rdcs-r);padding:8px 12px;margin:8px 0;}
.rdcs-study{font-size:12px;line-height:16px;color:var(--rdcs-fg2);background:var(--rdcs-bg2);border:1px solid var(--rdcs-line2);padding:8px 12px;border-radius:var(--rdcs-r);margin:8px 0;}
.rdcs-group{margin-top:4px;}
.rdcs-list{list-style:none;margin:0;padding:0;}
.rdcs-finding{margin:0 0 4px;}
.rdcs-finding-btn{display:block;width:100%;text-align:left;border:1px solid var(--rdcs-line2);border-left-width:4px;background:var(--rdcs-ctl);padding:6px 8px;border-radius:var(--rdcs-r);cursor:pointer;color:inherit;font-weight:normal;}
.rdcs-finding-btn:hover{background:var(--rdcs-hover);}
.rdcs-finding-btn[aria-current="true"]{background:var(--rdcs-sel);border-color:var(--rdcs-brand);}
.rdcs-sev-error .rdcs-finding-btn{border-left-color:var(--rdcs-err);}
.rdcs-sev-warning .rdcs-finding-btn{border-left-color:var(--rdcs-warn);}
.rdcs-sev-info .rdcs-finding-btn{border-left-color:var(--rdcs-info);}
.rdcs-finding-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 8px;font-size:12px;line-height:16px;min-width:0;}
.rdcs-cell,.rdcs-rule,.rdcs-group-label,.rdcs-link,.rdcs-law-rule{font-family:var(--rdcs-mono);white-space:nowrap;overflow:hidden;text-overflow:ellipsis;word-break:keep-all;overflow-wrap:normal;min-width:0;max-width:100%;}
.rdcs-cell{font-weight:600;flex:0 1 auto;}
.rdcs-rule{color:var(--rdcs-fg3);flex:0 1 auto;margin-left:auto;}
.rdcs-message{display:block;margin:2px 0;}
.rdcs-citation{display:block;font-size:12px;line-height:16px;color:var(--rdcs-fg3);}
.rdcs-sev-label{font-size:12px;text-transform:uppercase;letter-spacing:.03em;}
.rdcs-more{margin-top:4px;}
.rdcs-filters{margin:4px 0 8px;}
.rdcs-chips{display:flex;flex-wrap:wrap;gap:4px;}
.rdcs-chip{display:inline-flex;align-items:center;gap:4px;min-height:24px;border:1px solid var(--rdcs-line);background:var(--rdcs-ctl);color:var(--rdcs-fg);border-radius:var(--rdcs-chip-r);padding:1px 8px;cursor:pointer;font-size:12px;line-height:16px;white-space:nowrap;}
.rdcs-chip:hover:not(:disabled){background:var(--rdcs-hover);}
.rdcs-chip[aria-pressed="true"]{background:var(--rdcs-sel);border-color:var(--rdcs-brand);font-weight:600;}
.rdcs-chip[aria-pressed="false"] .rdcs-chip-text{text-decoration:line-through;}
.rdcs-chip:disabled{color:var(--rdcs-dis-fg);cursor:default;}
.rdcs-mark{flex:none;font-size:12px;}
.rdcs-tally-error,.rdcs-chip-error .rdcs-mark,.rdcs-sev-error .rdcs-mark,.rdcs-group-error>h3 .rdcs-mark{color:var(--rdcs-err);}
.rdcs-tally-warning,.rdcs-chip-warning .rdcs-mark,.rdcs-sev-warning .rdcs-mark,.rdcs-group-warning>h3 .rdcs-mark{color:var(--rdcs-warn);}
.rdcs-tally-info,.rdcs-chip-info .rdcs-mark,.rdcs-sev-info .rdcs-mark,.rdcs-group-info>h3 .rdcs-mark{color:var(--rdcs-info);}
.rdcs-search-row{flex-wrap:nowrap;margin:8px 0 4px;}
.rdcs-search{flex:1 1 auto;min-width:0;}
.rdcs-search::placeholder{color:var(--rdcs-fg3);}
.rdcs-group-by{flex:none;}
.rdcs-shown{font-size:12px;line-height:16px;color:var(--rdcs-fg3);}
.rdcs-none{color:var(--rdcs-fg3);font-style:italic;}
.rdcs-panel h3.rdcs-group-heading{margin:0;font-size:14px;}
.rdcs-group-btn,.rdcs-sec-btn{display:flex;align-items:baseline;gap:8px;width:100%;text-align:left;background:none;border:none;border-bottom:1px solid var(--rdcs-line2);padding:6px 4px;color:inherit;cursor:pointer;font-weight:600;border-radius:0;}
.rdcs-group-btn:hover,.rdcs-sec-btn:hover{background:var(--rdcs-hover);}
.rdcs-group-text,.rdcs-sec-title{flex:1 1 auto;min-width:0;}
.rdcs-group-label{display:block;font-size:12px;}
.rdcs-group-detail{display:block;font-weight:normal;font-size:12px;line-height:16px;color:var(--rdcs-fg2);}
.rdcs-group-count,.rdcs-sec-badge{flex:none;font-size:12px;line-height:16px;font-weight:normal;color:var(--rdcs-fg2);border:1px solid var(--rdcs-line);border-radius:8px;padding:0 6px;font-variant-numeric:tabular-nums;}
.rdcs-group .rdcs-list{margin:4px 0 8px;}
.rdcs-tabs{display:flex;gap:0;margin:4px -8px 0;}
.rdcs-tab{position:relative;flex:0 1 auto;min-width:0;border:none;background:none;color:var(--rdcs-fg2);padding:10px 8px 12px;border-radius:var(--rdcs-r);cursor:pointer;white-space:nowrap;font-weight:normal;}
.rdcs-tab::after{content:"";position:absolute;left:8px;right:8px;bottom:0;height:3px;border-radius:3px;background:transparent;}
.rdcs-tab:hover{color:var(--rdcs-fg);}
.rdcs-tab:hover::after{background:var(--rdcs-line);}
.rdcs-tab[aria-selected="true"]{color:var(--rdcs-fg);font-weight:600;}
.rdcs-tab[aria-selected="true"]::after{background:var(--rdcs-brand);}
.rdcs-form-title{font-size:16px;margin:8px 0 2px;}
.rdcs-form-year{font-size:12px;line-height:16px;color:var(--rdcs-fg3);}
.rdcs-method{border-left:3px solid var(--rdcs-info);background:var(--rdcs-info-bg);border-radius:var(--rdcs-r);padding:8px 12px;margin:8px 0;}
.rdcs-form-section{border-top:1px solid var(--rdcs-line2);}
.rdcs-form-section h3{margin:0;}
.rdcs-sec-btn{border-bottom:none;padding:8px 4px;}
.rdcs-chevron{flex:none;display:inline-block;width:0;height:0;border:5px solid transparent;border-left-color:var(--rdcs-fg2);border-right-width:0;transform:translateY(-1px);}
.rdcs-sec-btn[aria-expanded="true"] .rdcs-chevron,.rdcs-group-btn[aria-expanded="true"] .rdcs-chevron{transform:rotate(90deg) translateX(-1px);}
.rdcs-sec-badge.rdcs-missing{color:var(--rdcs-err);border-color:var(--rdcs-err);}
.rdcs-form-body{padding:0 0 8px;}
.rdcs-lines{list-style:none;margin:0;padding:0;}
.rdcs-line{padding:4px 0;border-bottom:1px solid var(--rdcs-line2);}
.rdcs-line-main{display:flex;align-items:baseline;gap:8px;}
.rdcs-line-no{flex:none;width:2.6em;font-weight:600;font-variant-numeric:tabular-nums;color:var(--rdcs-fg2);white-space:nowrap;}
.rdcs-line-label{flex:1 1 auto;min-width:0;}
.rdcs-line-value{flex:none;text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;padding-left:4px;}
.rdcs-line-value.rdcs-missing,.rdcs-line-textvalue.rdcs-missing{color:var(--rdcs-err);font-style:italic;}
.rdcs-line-value.rdcs-skipped{color:var(--rdcs-fg3);font-style:italic;}
.rdcs-line-textvalue{display:block;font-weight:600;}
.rdcs-panel .rdcs-line-detail,.rdcs-panel .rdcs-line-note,.rdcs-panel .rdcs-line-why,.rdcs-panel .rdcs-line-cell,.rdcs-line-meta{margin:2px 0 0 calc(2.6em + 8px);font-size:12px;line-height:16px;}
.rdcs-line-meta{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 12px;min-width:0;}
.rdcs-line-meta details[open]{flex-basis:100%;}
.rdcs-link{border:none;background:none;padding:0;color:var(--rdcs-link);text-decoration:underline;cursor:pointer;font-size:12px;}
.rdcs-link:hover{color:var(--rdcs-brand-hover);}
.rdcs-link[aria-current="true"]{font-weight:600;}
.rdcs-line-detail{color:var(--rdcs-fg2);font-variant-numeric:tabular-nums;}
.rdcs-line-note{color:var(--rdcs-fg3);}
.rdcs-line-why{border-left:3px solid var(--rdcs-err);background:var(--rdcs-err-bg);padding:4px 8px;}
.rdcs-goto{min-height:24px;padding:1px 8px;font-size:12px;}
.rdcs-goto[aria-current="true"]{background:var(--rdcs-sel);border-color:var(--rdcs-brand);}
.rdcs-law{color:var(--rdcs-fg3);font-size:12px;max-width:100%;min-width:0;}
.rdcs-law summary{cursor:pointer;}
.rdcs-law-rule,.rdcs-law-cite{display:block;}
.rdcs-line-total{font-weight:600;border-bottom:none;}
.rdcs-g-status{margin:8px 0;}
.rdcs-panel .rdcs-g-note{font-size:12px;line-height:16px;color:var(--rdcs-fg3);margin:8px 0;}
.rdcs-components{display:block;}
.rdcs-component{border:1px solid var(--rdcs-line2);border-radius:var(--rdcs-r);padding:4px 8px;margin:8px 0;}
.rdcs-component-unassigned{border-color:var(--rdcs-warn);}
.rdcs-panel .rdcs-component-name{font-size:14px;margin:2px 0 4px;}
.rdcs-panel .rdcs-component .rdcs-line-cell,.rdcs-panel .rdcs-component .rdcs-line-why{margin-left:0;}
.rdcs-more-lines{font-size:12px;margin:4px 0 0;}
.rdcs-more-lines summary{cursor:pointer;color:var(--rdcs-fg2);}
.rdcs-visually-hidden,.rdcs-counts{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;}
@media (forced-colors:active){
 .rdcs-btn,.rdcs-chip,.rdcs-finding-btn,.rdcs-panel select,.rdcs-search,.rdcs-group-count,.rdcs-sec-badge{border:1px solid ButtonText;}
 .rdcs-finding-btn,.rdcs-problem,.rdcs-notice,.rdcs-method,.rdcs-study,.rdcs-component{border:1px solid CanvasText;}
 .rdcs-header{border-bottom-color:CanvasText;}
 .rdcs-btn[aria-pressed="true"],.rdcs-chip[aria-pressed="true"],.rdcs-finding-btn[aria-current="true"],.rdcs-goto[aria-current="true"]{border:2px solid Highlight;outline:2px solid Highlight;}
 .rdcs-btn:disabled,.rdcs-chip:disabled{border-color:GrayText;color:GrayText;}
 .rdcs-tab[aria-selected="true"]::after{forced-color-adjust:none;background:Highlight;}
 .rdcs-panel select{appearance:auto;background-image:none;padding-right:8px;}
 .rdcs-chevron{forced-color-adjust:none;border-color:transparent;border-left-color:CanvasText;}
 .rdcs-panel :focus-visible{outline-color:Highlight;}
}
` +
  // finding actions (H-act). Not a CSS comment: the Sheets build refuses a comment in an inline style (HtmlService strips comments, which would change the CSP hash).
  `
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
.rdcs-finding-actions > .rdcs-waiver { flex: 1 1 100%; min-width: 0; margin: 0; }
.rdcs-act[hidden], .rdcs-export[hidden] { display: none; }
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
` +
  // year actions (H-yoy2)
  `.rdcs-year-action { margin: 8px 0; }
.rdcs-check { display: inline-flex; align-items: center; gap: 6px; font-size: 12px; margin: 4px 0; }
.rdcs-year-preview { border: 1px solid var(--rdcs-line); border-radius: var(--rdcs-r); padding: 8px 10px; margin: 6px 0; }
.rdcs-year-lines { margin: 0 0 6px; padding-left: 18px; font-size: 12px; line-height: 16px; overflow-wrap: anywhere; }
.rdcs-year-lines li { margin: 2px 0; }
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
