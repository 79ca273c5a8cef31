// The desk updater against a fake electron-updater and fake timers: checks at start and every 4 hours,
// downloads in the background, installs only with the user's consent, survives errors.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consentQuestion, startUpdater, type AppUpdaterLike, type UpdateInfoLike } from '../../../src/main/updater';

class FakeUpdater extends EventEmitter implements AppUpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  /** What the hub publishes: a newer version or nothing. */
  published: UpdateInfoLike | null = null;
  failNextCheck = false;
  downloaded = false;
  checkForUpdates = vi.fn(async () => {
    if (this.failNextCheck) {
      this.failNextCheck = false;
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    }
    if (this.published) this.emit('update-available', this.published);
    return null;
  });
  downloadUpdate = vi.fn(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10_000)); // a download takes a while
    this.downloaded = true;
    this.emit('update-downloaded', this.published);
    return [];
  });
  quitAndInstall = vi.fn();
}

const hours = (n: number) => n * 3_600_000;
let fake: FakeUpdater;
beforeEach(() => {
  vi.useFakeTimers();
  fake = new FakeUpdater();
});
afterEach(() => vi.useRealTimers());

describe('desk updater', () => {
  it('checks at start and every 4 hours; never downloads or installs on its own', async () => {
    const askConsent = vi.fn(async () => true);
    const updater = startUpdater({ updater: fake, askConsent });
    expect(fake.autoDownload).toBe(false);
    expect(fake.autoInstallOnAppQuit).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(hours(4) - 1);
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(hours(8));
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(4);
    expect(fake.downloadUpdate).not.toHaveBeenCalled();
    expect(askConsent).not.toHaveBeenCalled();
    updater.stop();
    await vi.advanceTimersByTimeAsync(hours(12));
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(4);
  });

  it('downloads a published version in the background, then installs once the user agrees', async () => {
    const answers: boolean[] = [false, true];
    const askConsent = vi.fn(async (_info: UpdateInfoLike) => answers.shift()!);
    startUpdater({ updater: fake, askConsent });
    await vi.advanceTimersByTimeAsync(hours(1));
    expect(fake.downloadUpdate).not.toHaveBeenCalled();

    fake.published = { version: '0.2.0' };
    await vi.advanceTimersByTimeAsync(hours(3));
    expect(fake.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(askConsent).not.toHaveBeenCalled(); // still downloading
    await vi.advanceTimersByTimeAsync(10_000);
    // « Plus tard »: nothing installed; asked again at the next check.
    expect(askConsent).toHaveBeenCalledTimes(1);
    expect(askConsent).toHaveBeenLastCalledWith({ version: '0.2.0' });
    expect(fake.quitAndInstall).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(hours(4) + 10_000);
    expect(askConsent).toHaveBeenCalledTimes(2);
    expect(fake.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('keeps checking after a failed check, and does not overlap checks with a download or a question', async () => {
    const log = vi.fn();
    let answer: (value: boolean) => void = () => undefined;
    const askConsent = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    fake.failNextCheck = true;
    startUpdater({ updater: fake, askConsent, log });
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toHaveBeenCalledWith('update check failed', expect.any(Error));

    fake.published = { version: '0.3.0' };
    await vi.advanceTimersByTimeAsync(hours(4));
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(fake.downloadUpdate).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(askConsent).toHaveBeenCalledTimes(1);
    // The question stays open (the agent is away): no new check, no second dialog.
    await vi.advanceTimersByTimeAsync(hours(8));
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(askConsent).toHaveBeenCalledTimes(1);
    answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('asks in French with « Redémarrer et installer » and « Plus tard »', async () => {
    const showMessageBox = vi.fn(async () => ({ response: 1 }));
    expect(await consentQuestion({ showMessageBox })({ version: '1.4.0' })).toBe(false);
    expect(showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ buttons: ['Redémarrer et installer', 'Plus tard'], message: expect.stringContaining('1.4.0') }),
    );
  });
});
