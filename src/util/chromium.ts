// Where a Chromium is: CHROMIUM_PATH, then Debian's and other Linux paths, Playwright's downloaded browsers,
// macOS's Chrome or Chromium. The dossier's PDF and the UI tests use it; without one, they fail with one
// line naming what to install, not a stack trace (CI installs Debian's chromium).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function playwrightBrowsers(): string[] {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), process.platform === 'darwin' ? 'Library/Caches/ms-playwright' : '.cache/ms-playwright');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()
    .flatMap((d) => [join(root, d, 'chrome-linux', 'chrome'), join(root, d, 'chrome-linux64', 'chrome'), join(root, d, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium')]);
}

export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    ...playwrightBrowsers(),
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const NO_CHROMIUM =
  'this needs Chromium (the UI tests, a PDF dossier): install it (Debian/Ubuntu: apt-get install chromium; macOS: Google Chrome) or set CHROMIUM_PATH to a Chrome or Chromium binary';

/** The browser's path, or an error of one line saying what to install. */
export function chromiumPath(): string {
  const p = findChromium();
  if (!p) throw Object.assign(new Error(NO_CHROMIUM), { stack: NO_CHROMIUM });
  return p;
}
