/**
 * Where the browser tests write their screenshots of the panels (each view, at 300–350 px, in
 * both hosts' harnesses), so a reviewer can look without running Office: `test-results/screenshots/`
 * at the repository root (the README names it; git ignores it).
 */
import * as fs from 'fs';
import * as path from 'path';

export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

/** The path of screenshot `name` (a .png file name), its folder made. */
export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}
