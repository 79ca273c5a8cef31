// What a parent reads and can do on one (day, unit) of the month grid, in French: the state in words (with an
// icon, never a colour alone), places left or waiting-list position, the deadline sentence computed with the
// hub's clock and the activity's rule, and the one action still open. The cell's `bookingClosed` /
// `cancellationClosed` flags decide what is allowed; the rule only supplies the date to print.
import {
  deadlineDate,
  deadlineFor,
  describeDeadline,
  formatClockTime,
  formatParisInstant,
} from '../../../../../shared/domain/deadlines';
import { instantToParisDate } from '../../../../../shared/domain/dates';
import { formatDayMonth, placesText, positionText } from '../../format';
import type { DeadlineRule, GridActivity, GridCell } from '../../types';

export type ActionKind = 'book' | 'waitlist' | 'cancel' | 'leaveWaitlist';
export type Tone = 'booked' | 'waitlisted' | 'free' | 'full' | 'done' | 'muted';

export interface CellView {
  status: string;
  tone: Tone;
  /** Places left, waiting-list position… ('' when nothing to add). */
  detail: string;
  /** The deadline sentence, long ("modifiable jusqu'au jeudi 3 décembre à 10h") and short ("jusqu'au 3/12 à 10h"). */
  deadline: string;
  deadlineShort: string;
  action?: { kind: ActionKind; label: string };
}

export const actionLabels: Record<ActionKind, string> = {
  book: 'Réserver',
  waitlist: 'Complet — s’inscrire en liste d’attente',
  cancel: 'Annuler la réservation',
  leaveWaitlist: 'Quitter la liste d’attente',
};

function until(rule: DeadlineRule | null, date: string, now: string) {
  if (!rule) return { long: '', short: '' };
  return {
    long: formatParisInstant(deadlineFor(rule, date), now),
    short: `${formatDayMonth(deadlineDate(rule, date))} à ${formatClockTime(rule.time)}`,
  };
}

export function cellView(cell: GridCell, activity: GridActivity, now: string): CellView {
  const bookingUntil = until(activity.bookingRule, cell.date, now);
  const cancelUntil = until(activity.cancellationRule, cell.date, now);
  const bookingDeadline = cell.bookingClosed
    ? { deadline: 'Délai de réservation dépassé', deadlineShort: 'Délai dépassé' }
    : {
        deadline: bookingUntil.long ? `Réservable jusqu’au ${bookingUntil.long}` : '',
        deadlineShort: bookingUntil.short ? `Jusqu’au ${bookingUntil.short}` : '',
      };
  const cancellationDeadline = cell.cancellationClosed
    ? {
        deadline: cancelUntil.long
          ? `Annulation impossible : délai dépassé depuis le ${cancelUntil.long}`
          : 'Annulation impossible : délai dépassé',
        deadlineShort: 'Non annulable',
      }
    : {
        deadline: activity.cancellationRule
          ? capitalize(describeDeadline(activity.cancellationRule, cell.date, now)).replace(/'/g, '’')
          : '',
        deadlineShort: cancelUntil.short ? `Modifiable jusqu’au ${cancelUntil.short}` : '',
      };
  // A day gone by: what happened, without deadlines.
  if (cell.date < instantToParisDate(now) && (cell.state === 'open' || cell.state === 'full'))
    return { status: 'Non réservé', tone: 'muted', detail: '', deadline: '', deadlineShort: '' };
  if (cell.date < instantToParisDate(now) && cell.state === 'booked')
    return { status: 'Réservé', tone: 'booked', detail: '', deadline: '', deadlineShort: '' };
  switch (cell.state) {
    case 'closed':
      return { status: 'Fermé', tone: 'muted', detail: '', deadline: '', deadlineShort: '' };
    case 'notEnrolled':
      return { status: 'Non inscrit(e) ce jour', tone: 'muted', detail: '', deadline: '', deadlineShort: '' };
    case 'open':
      return cell.bookingClosed
        ? { status: 'Non réservé', tone: 'muted', detail: '', ...bookingDeadline }
        : {
            status: 'Libre',
            tone: 'free',
            detail: placesText(cell.placesLeft),
            ...bookingDeadline,
            action: { kind: 'book', label: actionLabels.book },
          };
    case 'full':
      return cell.bookingClosed
        ? { status: 'Complet', tone: 'muted', detail: '', ...bookingDeadline }
        : {
            status: 'Complet',
            tone: 'full',
            detail: 'Liste d’attente possible',
            ...bookingDeadline,
            action: { kind: 'waitlist', label: actionLabels.waitlist },
          };
    case 'booked':
      return {
        status: 'Réservé',
        tone: 'booked',
        detail: '',
        ...cancellationDeadline,
        action: cell.cancellationClosed || !cell.bookingId ? undefined : { kind: 'cancel', label: actionLabels.cancel },
      };
    case 'waitlisted':
      return {
        status: 'Liste d’attente',
        tone: 'waitlisted',
        detail: capitalize(positionText(cell.position)),
        ...cancellationDeadline,
        action:
          cell.cancellationClosed || !cell.bookingId ? undefined : { kind: 'leaveWaitlist', label: actionLabels.leaveWaitlist },
      };
    case 'attended':
      return {
        status: cell.unbooked ? 'Présent(e), sans réservation' : 'Présent(e)',
        tone: 'done',
        detail: '',
        deadline: '',
        deadlineShort: '',
      };
    case 'absent':
      return {
        status: cell.absenceJustified ? 'Absent(e), absence justifiée' : 'Absent(e)',
        tone: 'done',
        detail: '',
        deadline: '',
        deadlineShort: '',
      };
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A (child, unit, day) chosen for booking or cancelling, waiting for the parent's confirmation. */
export interface Choice {
  key: string;
  childId: string;
  childName: string;
  activityName: string;
  unitId: string;
  unitName: string;
  date: string;
  kind: ActionKind;
  bookingId?: string;
}

export const choiceKey = (childId: string, unitId: string, date: string) => `${childId}|${unitId}|${date}`;
