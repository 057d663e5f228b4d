/**
 * The task pane: the shared panel over the Excel host. Loaded by taskpane.html after Office.js
 * (Microsoft's CDN) and functions.js, in the shared runtime the manifest declares.
 */
import { mountPanel } from '@panel/panel';
import { createExcelHost } from './excel-host';

/** Office's theme (`Office.context.officeTheme`), which older Office does not have. */
interface OfficeThemeColours {
  readonly bodyBackgroundColor?: unknown;
  readonly bodyForegroundColor?: unknown;
  readonly controlBackgroundColor?: unknown;
  readonly controlForegroundColor?: unknown;
  readonly isDarkTheme?: unknown;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** Relative luminance (WCAG) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/**
 * The panel follows Office's theme: `data-theme="dark"|"light"` on the panel root, and Office's
 * own body and control colours as the panel's CSS variables (the panel's stylesheet does the
 * rest). Without a theme (older Office) the panel follows the system's colour scheme.
 */
function applyOfficeTheme(root: HTMLElement, theme: OfficeThemeColours | undefined): void {
  if (!theme || typeof theme !== 'object') return;
  const bg = typeof theme.bodyBackgroundColor === 'string' ? theme.bodyBackgroundColor : '';
  const dark = typeof theme.isDarkTheme === 'boolean' ? theme.isDarkTheme : HEX.test(bg) && luminance(bg) < 0.2;
  root.setAttribute('data-theme', dark ? 'dark' : 'light');
  const vars: [string, unknown][] = [
    ['--rdcs-bg', theme.bodyBackgroundColor],
    ['--rdcs-fg', theme.bodyForegroundColor],
    ['--rdcs-ctl', theme.controlBackgroundColor],
    ['--rdcs-ctl-fg', theme.controlForegroundColor],
  ];
  for (const [name, value] of vars) {
    if (typeof value === 'string' && HEX.test(value)) root.style.setProperty(name, value);
    else root.style.removeProperty(name);
  }
}

function followOfficeTheme(root: HTMLElement): void {
  const read = (): OfficeThemeColours | undefined => {
    try {
      return (Office.context as { officeTheme?: OfficeThemeColours }).officeTheme;
    } catch {
      return undefined;
    }
  };
  applyOfficeTheme(root, read());
  try {
    // Only some Office hosts raise it; elsewhere this throws or reports a failure, and the theme read at start stays.
    Office.context.document.addHandlerAsync(Office.EventType.OfficeThemeChanged, (e: unknown) =>
      applyOfficeTheme(root, (e as { officeTheme?: OfficeThemeColours } | undefined)?.officeTheme ?? read()),
    );
  } catch {
    // Older Office: no theme events.
  }
}

function show(root: HTMLElement, sentence: string): void {
  const p = document.createElement('p');
  p.className = 'rdcs-start-note';
  p.textContent = sentence;
  root.replaceChildren(p);
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  if (typeof Office === 'undefined') {
    show(
      root,
      'Office.js did not load (it comes from appsforoffice.microsoft.com), so this pane cannot reach the workbook. Check the network or proxy, then reopen the pane.',
    );
    return;
  }
  void Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      show(
        root,
        'This is the RD Credit Studio task pane for Excel: open it from Excel (Home ▸ RD Credit Studio). Without Excel, open demo.html to try the panel on an example study.',
      );
      return;
    }
    followOfficeTheme(mountPanel(root, createExcelHost()).root);
  });
}

start();
