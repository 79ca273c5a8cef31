// The call summary ("Récapitulatif de l'appel"): what was booked, waitlisted, cancelled or refused while the
// screen was open, grouped per validation, child, activity and unit, in sentences an agent reads back to the
// parent: "Léa : réservé les mardis et jeudis de décembre (6 jours), le 10/12 en liste d'attente (position 1)."
// Built from the commands' actual per-item results (not from the preview), so it says what really happened.
import { listDays } from './dates';
import type { ItemResult } from './queries';

export interface SummaryItem {
  date: string;
  outcome: 'booked' | 'waitlisted' | 'refused' | 'cancelled';
  position?: number;
  /** Refusal reason, in French, without the "Léa le 03/12 (Repas) :" prefix. */
  reason?: string;
  cancelReason?: 'inTime' | 'late' | 'sick';
  /** Cancelled while on the waiting list: nothing to bill, the place was never held. */
  wasWaitlisted?: boolean;
  /** Cancelled after the deadline with a dérogation: not billed. */
  deadlineOverridden?: boolean;
  /** Booked beyond capacity (forçage). */
  forced?: boolean;
  /** Booked after the parents' deadline, with a dérogation. */
  lateBooking?: boolean;
}

export interface SummaryBatch {
  id: string;
  /** Paris wall-clock time of the validation, 'HH:MM'. */
  time: string;
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
  /** Set when the activity has several units (matin, soir…): the sentence names the unit. */
  unitName?: string;
  /** Pattern bookings: 'les mardis et jeudis de décembre'. */
  pattern?: string;
  items: SummaryItem[];
}

/** 'Léa le 03/12 (Repas) : Le délai … dépassé. Un motif de dérogation…' → 'le délai … dépassé'. */
export function refusalReason(message: string | undefined): string {
  if (!message) return 'refusé';
  const cut = message.indexOf(' : ');
  const reason = (cut >= 0 ? message.slice(cut + 3) : message)
    .replace(/\s*Un motif de dérogation permet de réserver quand même\.?/, '')
    .trim()
    .replace(/\.$/, '');
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** Turns a command's item results into summary items (skipping days that were already booked). */
export function summaryItems(
  results: readonly ItemResult[],
  extra: {
    forced?: (r: ItemResult) => boolean;
    lateBooking?: (r: ItemResult) => boolean;
    wasWaitlisted?: (r: ItemResult) => boolean;
    deadlineOverridden?: boolean;
  } = {},
): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const r of results) {
    if (r.outcome === 'alreadyBooked') continue;
    const item: SummaryItem = { date: r.date, outcome: r.outcome };
    if (r.outcome === 'waitlisted') item.position = r.position;
    if (r.outcome === 'refused') item.reason = refusalReason(r.message);
    if (r.outcome === 'cancelled') {
      item.cancelReason = r.cancelReason;
      if (extra.wasWaitlisted?.(r)) item.wasWaitlisted = true;
      // The backend records a dérogation as an in-time cancellation; say why it is not billed.
      else if (extra.deadlineOverridden && r.cancelReason === 'inTime') item.deadlineOverridden = true;
    }
    if (r.outcome === 'booked' && extra.forced?.(r)) item.forced = true;
    if (r.outcome === 'booked' && extra.lateBooking?.(r)) item.lateBooking = true;
    items.push(item);
  }
  return items;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

/** One sentence per batch. `withActivity`: name the activity (the summary covers several). */
export function batchSentence(batch: SummaryBatch, withActivity: boolean): string {
  const what = [withActivity ? batch.activityName : '', batch.unitName ?? ''].filter(Boolean).join(' – ');
  const subject = what ? `${batch.childName} (${what})` : batch.childName;
  const parts: string[] = [];
  const of = (outcome: SummaryItem['outcome']) => batch.items.filter((i) => i.outcome === outcome);

  const booked = of('booked');
  if (booked.length > 0) {
    const forced = booked.filter((i) => i.forced);
    const late = booked.filter((i) => i.lateBooking);
    // A note that covers every booked day goes with them; otherwise it names its days ("dont le 8/12…").
    const notes = [
      forced.length === booked.length ? 'au-delà de la capacité (accord du service)' : '',
      late.length === booked.length ? 'après le délai (dérogation accordée)' : '',
    ].filter(Boolean);
    parts.push(
      [
        batch.pattern
          ? `réservé ${batch.pattern} (${plural(booked.length, 'jour')})`
          : `réservé ${listDays(booked.map((i) => i.date))}`,
        ...notes,
      ].join(' '),
    );
    if (forced.length > 0 && forced.length < booked.length)
      parts.push(`dont ${listDays(forced.map((i) => i.date))} au-delà de la capacité (accord du service)`);
    if (late.length > 0 && late.length < booked.length)
      parts.push(`dont ${listDays(late.map((i) => i.date))} après le délai (dérogation accordée)`);
  }
  for (const item of of('waitlisted'))
    parts.push(`${listDays([item.date])} en liste d’attente (position ${item.position ?? '?'})`);
  for (const group of groupBy(of('refused'), (i) => i.reason ?? '')) {
    parts.push(`${listDays(group.map((i) => i.date))} non réservé${group.length > 1 ? 's' : ''} : ${group[0]!.reason}`);
  }
  const cancelled = of('cancelled');
  for (const group of groupBy(cancelled, cancelKind)) {
    const days = listDays(group.map((i) => i.date));
    parts.push(cancelPhrase(cancelKind(group[0]!), days));
  }
  if (parts.length === 0) parts.push('rien de changé (jours déjà réservés)');
  return `${subject} : ${parts.join(', ')}.`;
}

type CancelKind = 'waitlist' | 'sick' | 'late' | 'override' | 'inTime';

function cancelKind(item: SummaryItem): CancelKind {
  if (item.wasWaitlisted) return 'waitlist';
  if (item.cancelReason === 'sick') return 'sick';
  if (item.cancelReason === 'late') return 'late';
  if (item.deadlineOverridden) return 'override';
  return 'inTime';
}

function cancelPhrase(kind: CancelKind, days: string): string {
  switch (kind) {
    case 'waitlist':
      return `retiré de la liste d’attente ${days}`;
    case 'sick':
      return `annulé ${days} pour maladie (avec certificat médical, non facturé)`;
    case 'late':
      return `annulé ${days} hors délai (annulation tardive, facturée)`;
    case 'override':
      return `annulé ${days} hors délai, avec dérogation (non facturé)`;
    case 'inTime':
      return `annulé ${days} (dans les délais, non facturé)`;
  }
}

/** The whole summary as plain text, for the "Copier" button. */
export function summaryText(title: string, batches: readonly SummaryBatch[]): string {
  const withActivity = new Set(batches.map((b) => b.activityId)).size > 1;
  return [title, ...batches.map((b) => `– ${batchSentence(b, withActivity)}`)].join('\n');
}

export interface UnitInfo {
  activityId: string;
  activityName: string;
  /** Only when the activity has several units. */
  unitName?: string;
}

/** One batch per activity unit of a command's results (one validation, one child). */
export function batchesFromResults(
  results: readonly ItemResult[],
  context: {
    childId: string;
    childName: string;
    unitInfo: (unitId: string) => UnitInfo;
    pattern?: string;
    forced?: (r: ItemResult) => boolean;
    lateBooking?: (r: ItemResult) => boolean;
    wasWaitlisted?: (r: ItemResult) => boolean;
    deadlineOverridden?: boolean;
  },
): SummaryBatch[] {
  const time = parisTime();
  return groupBy(results, (r) => r.unitId)
    .map((group) => {
      const info = context.unitInfo(group[0]!.unitId);
      return {
        id: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
        time,
        childId: context.childId,
        childName: context.childName,
        ...info,
        ...(context.pattern ? { pattern: context.pattern } : {}),
        items: summaryItems(group, context),
      };
    })
    .filter((batch) => batch.items.length > 0);
}

const parisClock = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** The Paris wall clock now, 'HH:MM'. */
export function parisTime(): string {
  return parisClock.format(new Date());
}
