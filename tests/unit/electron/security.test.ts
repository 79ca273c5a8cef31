import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  appUrlMatcher,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  installSecurityHandlers,
  isAllowedExternalUrl,
  secureWebPreferences,
  type SecurityOptions,
} from '../../../src/main/security';
import { FakeApp, FakeSession, FakeWebContents, fakeEvent } from './fakes';

const appUrl = pathToFileURL('/opt/Guichet/resources/app.asar/out/renderer/index.html').href;

function setup(extra: Partial<SecurityOptions> = {}) {
  const openExternal = vi.fn(async (_url: string) => undefined);
  const options: SecurityOptions = { isAppUrl: appUrlMatcher(appUrl), openExternal, ...extra };
  const contents = new FakeWebContents();
  hardenWebContents(contents, options);
  return { contents, openExternal, options };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, with Node, webviews and insecure content off', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });
});

describe('appUrlMatcher', () => {
  it('trusts only the very index.html of a file:// renderer, whatever the hash', () => {
    const isApp = appUrlMatcher(appUrl);
    expect(isApp(appUrl)).toBe(true);
    expect(isApp(`${appUrl}#/familles/42`)).toBe(true);
    expect(isApp(pathToFileURL('/opt/Guichet/resources/app.asar/out/renderer/other.html').href)).toBe(false);
    expect(isApp(pathToFileURL('/tmp/evil/out/renderer/index.html').href)).toBe(false);
    expect(isApp('file:///etc/passwd')).toBe(false);
    expect(isApp('https://evil.example/index.html')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    expect(isApp('')).toBe(false);
  });

  it('trusts the dev server origin only', () => {
    const isApp = appUrlMatcher('http://localhost:5173/');
    expect(isApp('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('http://127.0.0.1:5173/')).toBe(false);
    expect(isApp('https://localhost:5173/')).toBe(false);
    expect(isApp('http://localhost:5173.evil.example/')).toBe(false);
  });

  it('refuses a renderer URL of another scheme', () => {
    expect(() => appUrlMatcher('data:text/html,hello')).toThrow();
  });
});

describe('navigation', () => {
  it('lets the app navigate within itself', () => {
    const { contents } = setup();
    const event = fakeEvent(`${appUrl}#/familles`);
    contents.emit('will-navigate', event);
    expect(event.prevented).toBe(false);
  });

  it('blocks navigation to a foreign page, and opens nothing outside the allow-list', async () => {
    const { contents, openExternal } = setup();
    for (const url of ['https://evil.example/', 'http://www.caf.fr/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const event = fakeEvent(url);
      contents.emit('will-navigate', event);
      expect(event.prevented, url).toBe(true);
    }
    await flush();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('sends a plain link to an allowed https site to the system browser instead', async () => {
    const { contents, openExternal } = setup();
    const event = fakeEvent('https://www.caf.fr/allocataires');
    contents.emit('will-navigate', event);
    expect(event.prevented).toBe(true);
    await flush();
    expect(openExternal).toHaveBeenCalledWith('https://www.caf.fr/allocataires');
  });

  it('blocks redirects and sub-frame navigations away from the app, without opening anything', async () => {
    const { contents, openExternal } = setup();
    const redirect = fakeEvent('https://www.caf.fr/');
    contents.emit('will-redirect', redirect);
    const frame = Object.assign(fakeEvent('https://evil.example/'), { isMainFrame: false });
    contents.emit('will-frame-navigate', frame);
    expect(frame.prevented).toBe(true);
    // The PDF viewer's own blob: document is allowed in a sub-frame.
    const pdf = Object.assign(fakeEvent('blob:file:///0b1c2d3e-pdf'), { isMainFrame: false });
    contents.emit('will-frame-navigate', pdf);
    expect(pdf.prevented).toBe(false);
    const own = fakeEvent(appUrl);
    contents.emit('will-redirect', own);
    expect(redirect.prevented).toBe(true);
    expect(own.prevented).toBe(false);
    await flush();
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('new windows', () => {
  it('denies every window.open; only an allowed https link reaches the system browser', async () => {
    const { contents, openExternal } = setup();
    expect(contents.windowOpenHandler).toBeDefined();
    for (const url of ['https://evil.example/', appUrl, 'http://www.cnil.fr/', 'https://user:pw@www.cnil.fr/', 'mailto:a@b.fr']) {
      expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    await flush();
    expect(openExternal).not.toHaveBeenCalled();

    expect(contents.windowOpenHandler!({ url: 'https://www.service-public.fr/particuliers' })).toEqual({ action: 'deny' });
    await flush();
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://www.service-public.fr/particuliers');
  });

  it('takes its own allow-list, and a failing openExternal is only logged', async () => {
    const log = vi.fn();
    const openExternal = vi.fn(async (_url: string) => Promise.reject(new Error('no browser')));
    const { contents } = setup({ externalHosts: ['aide.guichet.example'], openExternal, log });
    expect(contents.windowOpenHandler!({ url: 'https://www.caf.fr/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://aide.guichet.example/faq' })).toEqual({ action: 'deny' });
    await flush();
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://aide.guichet.example/faq');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('openExternal failed'));
  });

  it('checks external URLs strictly', () => {
    expect(isAllowedExternalUrl('https://www.caf.fr/x')).toBe(true);
    expect(isAllowedExternalUrl('https://caf.fr/x')).toBe(false);
    expect(isAllowedExternalUrl('https://www.caf.fr.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('http://www.caf.fr/')).toBe(false);
    expect(isAllowedExternalUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
  });
});

describe('webview', () => {
  it('refuses to attach a <webview>', () => {
    const { contents } = setup();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.prevented).toBe(true);
  });
});

describe('session', () => {
  function session() {
    const fake = new FakeSession();
    hardenSession(fake, { isAppUrl: appUrlMatcher('http://localhost:5173/'), openExternal: vi.fn() });
    return fake;
  }

  it('denies every permission request and check', () => {
    const fake = session();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      fake.requestHandler!({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(fake.checkHandler!({}, permission), permission).toBe(false);
    }
    expect(fake.deviceHandler!({ deviceType: 'usb' })).toBe(false);
  });

  it("puts the strict CSP on the app's responses, replacing any other", () => {
    const fake = session();
    const callback = vi.fn();
    fake.headersListener!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });

  it('leaves responses of other origins alone', () => {
    const fake = session();
    const callback = vi.fn();
    fake.headersListener!({ url: 'https://tiles.example/x.png', responseHeaders: { a: ['b'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({});
  });
});

describe('content security policy', () => {
  it('is exactly the meta CSP of the renderer page', () => {
    const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy());
  });

  it("has no eval, no inline script, no foreign script, and adds only a hub's origin to connect-src", () => {
    const policy = contentSecurityPolicy(['https://hub.aiffres.example/api/ignored']);
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("connect-src 'self' https://hub.aiffres.example;");
    expect(() => contentSecurityPolicy(['http://hub.example'])).toThrow();
    expect(() => contentSecurityPolicy(['https://a.example; script-src *'])).toThrow();
  });
});

describe('installSecurityHandlers', () => {
  it('hardens the session at once and every webContents when it is created', async () => {
    const app = new FakeApp();
    const fakeSession = new FakeSession();
    const openExternal = vi.fn();
    installSecurityHandlers({ app, session: fakeSession }, { isAppUrl: appUrlMatcher(appUrl), openExternal });
    expect(fakeSession.requestHandler).toBeDefined();
    expect(fakeSession.headersListener).toBeDefined();

    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const event = fakeEvent('https://evil.example/');
    contents.emit('will-navigate', event);
    expect(event.prevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });
});
