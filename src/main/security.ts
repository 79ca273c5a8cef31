// Every hardening rule of the desk window, in one file (STYLE.md §4). The renderer shows personal data of
// families: it must never run foreign code, navigate away, open windows, embed guests or get a permission.
// The functions take the Electron objects as parameters, typed by the little they use, so that the tests drive
// them with fakes (no Electron import at run time here).

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
}

/**
 * The window's webPreferences. Spellcheck is off because Chromium's spellchecker downloads its dictionaries
 * from Google: the desk must not call third parties on its own.
 */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * The policy of the app's pages; with no extra origin it is exactly the meta CSP of src/renderer/index.html
 * (a test holds them equal). `connectOrigins`: the hub, once the desk syncs from the renderer side.
 */
export function contentSecurityPolicy(connectOrigins: readonly string[] = []): string {
  const origins = connectOrigins.map((origin) => {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && !isLoopback(url)) throw new Error(`CSP connect origin must be https: ${origin}`);
    return url.origin; // an origin cannot carry `;` or spaces: no directive can be smuggled in
  });
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Families' documents (a photographed certificate) are shown from blob: URLs made in the renderer.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...origins].join(' '),
    // The in-app PDF viewer shows invoices and receipts made by the renderer itself as blob: URLs.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL is one of the app's own pages. `rendererUrl` is what the window loads: the file:// URL of
 * out/renderer/index.html (then only that very file matches, whatever its hash) or, in development, the dev
 * server (then its origin matches). Used for navigation and to trust IPC senders.
 */
export function appUrlMatcher(rendererUrl: string): (url: string) => boolean {
  const app = new URL(rendererUrl);
  if (app.protocol === 'file:') {
    return (url) => {
      const candidate = parse(url);
      return (
        candidate !== null && candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname
      );
    };
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') throw new Error(`Unsupported renderer URL: ${rendererUrl}`);
  return (url) => {
    const candidate = parse(url);
    return candidate !== null && candidate.origin === app.origin;
  };
}

/** Sites a link in the app may open in the system browser (https only). Anything else is simply refused. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.service-public.fr', 'www.caf.fr', 'www.cnil.fr'];

/** Whether a link may leave the app for the system browser: https, exact host on the allow-list, no credentials. */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  const candidate = parse(url);
  return (
    candidate !== null &&
    candidate.protocol === 'https:' &&
    candidate.username === '' &&
    candidate.password === '' &&
    hosts.includes(candidate.hostname)
  );
}

export interface SecurityOptions {
  /** The app's own pages (see appUrlMatcher). */
  isAppUrl: (url: string) => boolean;
  /** shell.openExternal: only ever called with an allowed https URL. */
  openExternal: (url: string) => Promise<unknown> | unknown;
  externalHosts?: readonly string[];
  /** Extra connect-src origins of the CSP header (the hub, later). */
  connectOrigins?: readonly string[];
  log?: (message: string) => void;
}

// Minimal structural views of Electron's objects: Electron's own types satisfy them.
export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationEvent extends PreventableEvent {
  url: string;
  isMainFrame?: boolean;
}
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}
export interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: HeadersDetails,
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
}
export interface AppLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

function openIfAllowed(url: string, options: SecurityOptions): void {
  if (!isAllowedExternalUrl(url, options.externalHosts)) return;
  Promise.resolve()
    .then(() => options.openExternal(url))
    .catch((error: unknown) => options.log?.(`openExternal failed for ${url}: ${String(error)}`));
}

/** Session rules: every permission denied, the CSP header on the app's pages. */
export function hardenSession(session: SessionLike, options: SecurityOptions): void {
  // Camera, microphone, notifications, geolocation, clipboard read, USB/HID/serial…: the desk needs none.
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    options.log?.(`Permission refused: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // file:// responses carry no headers (the meta CSP of index.html applies there); the header covers the dev
  // server and any page served over http(s). Both policies are intersected by Chromium, never widened.
  const policy = contentSecurityPolicy(options.connectOrigins);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!options.isAppUrl(details.url)) return callback({});
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}

/** webContents rules: no navigation away from the app, no new window, no <webview>. */
export function hardenWebContents(contents: WebContentsLike, options: SecurityOptions): void {
  const guardNavigation = (event: NavigationEvent, openExternally: boolean) => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    options.log?.(`Navigation refused: ${event.url}`);
    if (openExternally) openIfAllowed(event.url, options);
  };
  // A plain link to an allowed site opens in the system browser; everything else stays where it is.
  contents.on('will-navigate', (event) => guardNavigation(event, true));
  // will-frame-navigate also fires for the main frame, already guarded above: here only sub-frames.
  // A sub-frame may show a blob: document the renderer made itself (a PDF); nothing else.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame !== true && !event.url.startsWith('blob:')) guardNavigation(event, false);
  });
  contents.on('will-redirect', (event) => guardNavigation(event, false));

  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, options);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log?.('<webview> refused');
  });
}

/**
 * Installs every rule: on the session now, and on each webContents as soon as it is created (the main window's
 * included), so nothing created later escapes them. Call once, after app ready and before the first window.
 */
export function installSecurityHandlers(targets: { app: AppLike; session: SessionLike }, options: SecurityOptions): void {
  hardenSession(targets.session, options);
  targets.app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}
