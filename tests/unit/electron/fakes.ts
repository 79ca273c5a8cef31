// Fakes of the few Electron objects security.ts touches: they record what is registered, so a test can fire
// the events and read the answers.
import type {
  AppLike,
  HeadersDetails,
  NavigationEvent,
  PreventableEvent,
  SessionLike,
  WebContentsLike,
} from '../../../src/main/security';

type Listener = (...args: any[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeWebContents extends FakeEmitter implements WebContentsLike {
  windowOpenHandler?: (details: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.windowOpenHandler = handler;
  }
}

export class FakeApp extends FakeEmitter implements AppLike {}

export function fakeEvent(url = ''): NavigationEvent & PreventableEvent & { prevented: boolean } {
  const event = {
    url,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

export class FakeSession implements SessionLike {
  requestHandler?: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  checkHandler?: (webContents: unknown, permission: string) => boolean;
  deviceHandler?: (details: unknown) => boolean;
  headersListener?: (
    details: HeadersDetails,
    callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
  ) => void;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>) {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: NonNullable<FakeSession['deviceHandler']>) {
    this.deviceHandler = handler;
  }
  webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
  };
}
