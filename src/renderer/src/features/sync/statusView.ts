// How the desk's sync state reads: one word-level state (never colour alone: an icon and a sentence go with
// it), a second line (last sync time, pending count or progress), and what a screen reader hears. The loop
// flips to 'syncing' for a moment every few seconds; that blink is not news: a desk that was online stays
// « En ligne » while it syncs, an offline one stays « Hors ligne depuis … » while it retries. « Synchronisation… »
// is for the first sync and for the initial download (progress).
import {
  IconBan,
  IconCloudCheck,
  IconCloudOff,
  IconDeviceDesktop,
  IconHelpCircle,
  IconPlugConnectedX,
  IconRefresh,
  type Icon,
} from '@tabler/icons-react';
import { instantToParisDate } from '../../../../shared/domain/dates';
import { formatDate } from '../families/format';
import type { DeskInfo, SyncStatus } from './queries';
import { pendingText, text } from './text';

export type StatusKind = 'standalone' | 'stopped' | 'initial' | 'online' | 'offline' | 'revoked' | 'unknown';

export interface StatusView {
  kind: StatusKind;
  label: string;
  detail: string;
  icon: Icon;
  /** Mantine colour of the icon (the label carries the meaning). */
  color: string;
  announce: string;
  /** 0..100 during the initial download, else null. */
  percent: number | null;
}

const parisTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** `10:42` (Paris wall clock). */
export function formatTime(instant: string): string {
  return parisTime.format(new Date(instant));
}

/** `10:42` today, `25/11 à 10:42` another day. */
export function formatWhen(instant: string, now: Date = new Date()): string {
  const day = instantToParisDate(instant);
  if (day === instantToParisDate(now.toISOString())) return formatTime(instant);
  return `${formatDate(day).slice(0, 5)} à ${formatTime(instant)}`;
}

export function statusView(info: DeskInfo | undefined, status: SyncStatus | null | undefined, now = new Date()): StatusView {
  const h = text.header;
  const base = { percent: null };
  if (status === undefined || info === undefined)
    return { ...base, kind: 'unknown', label: h.unknown, detail: '', icon: IconHelpCircle, color: 'gray.7', announce: '' };
  if (status === null) {
    return info.mode === 'standalone'
      ? {
          ...base,
          kind: 'standalone',
          label: h.standalone,
          detail: h.standaloneHint,
          icon: IconDeviceDesktop,
          color: 'gray.7',
          announce: text.announce.standalone,
        }
      : {
          ...base,
          kind: 'stopped',
          label: h.stopped,
          detail: h.stoppedHint,
          icon: IconPlugConnectedX,
          color: 'red.8',
          announce: text.announce.stopped,
        };
  }
  const pending = status.pending > 0 ? pendingText(status.pending) : '';
  if (status.state === 'revoked')
    return {
      ...base,
      kind: 'revoked',
      label: h.revoked,
      detail: pending || h.revokedHint,
      icon: IconBan,
      color: 'red.8',
      announce: text.announce.revoked,
    };
  if (status.progress !== null || (status.state === 'syncing' && !status.lastSyncAt && !status.offlineSince)) {
    const percent = status.progress === null ? null : Math.floor(status.progress * 100);
    return {
      kind: 'initial',
      label: h.syncing,
      detail: percent === null ? h.firstSync : h.percent(percent),
      icon: IconRefresh,
      color: 'blue.8',
      announce: text.announce.syncing,
      percent,
    };
  }
  if (status.state === 'offline' || (status.state === 'syncing' && status.offlineSince)) {
    return {
      ...base,
      kind: 'offline',
      label: status.offlineSince ? h.offlineSince(formatWhen(status.offlineSince, now)) : h.offline,
      detail: pending || (status.state === 'syncing' ? h.retrying : ''),
      icon: IconCloudOff,
      color: 'orange.9',
      announce: text.announce.offline,
    };
  }
  const synced = status.lastSyncAt
    ? instantToParisDate(status.lastSyncAt) === instantToParisDate(now.toISOString())
      ? h.syncedAt(formatTime(status.lastSyncAt))
      : h.syncedOn(formatWhen(status.lastSyncAt, now))
    : h.notYetSynced;
  return {
    ...base,
    kind: 'online',
    label: h.online,
    detail: pending || synced,
    icon: IconCloudCheck,
    color: 'green.8',
    announce: text.announce.online,
  };
}
