// How a cell of the month grid reads: a short label and an icon (never colour alone), a sentence for screen
// readers, and what a click does — book a free or full day, cancel a booked or waitlisted one, nothing on a
// closed day or a day already pointed.
import {
  IconBan,
  IconCircleCheckFilled,
  IconCircleDashed,
  IconCircleX,
  IconHourglass,
  IconUserCheck,
  IconUserOff,
  IconUserX,
  type Icon,
} from '@tabler/icons-react';
import type { GridCell } from './queries';

export type CellAction = 'book' | 'cancel';

export function cellAction(cell: GridCell): CellAction | null {
  switch (cell.state) {
    case 'open':
    case 'full':
      return 'book';
    case 'booked':
    case 'waitlisted':
      return 'cancel';
    default:
      return null;
  }
}

export interface CellLook {
  /** Visible in the cell. */
  label: string;
  /** Read by screen readers and shown as a tooltip. */
  description: string;
  icon: Icon;
  /** CSS class suffix (colour family); the label and icon carry the meaning too. */
  tone: GridCell['state'];
}

const places = (n: number) => `${n} place${n > 1 ? 's' : ''}`;

export function cellLook(cell: GridCell): CellLook {
  switch (cell.state) {
    case 'closed':
      return { label: 'Fermé', description: 'fermé', icon: IconBan, tone: 'closed' };
    case 'notEnrolled':
      return { label: 'Non inscrit', description: 'pas inscrit à cette date', icon: IconUserOff, tone: 'notEnrolled' };
    case 'open':
      return {
        label: cell.placesLeft === null ? 'Libre' : places(cell.placesLeft),
        description:
          cell.placesLeft === null
            ? 'libre, sans limite de places'
            : `libre, ${places(cell.placesLeft)} restante${cell.placesLeft > 1 ? 's' : ''}`,
        icon: IconCircleDashed,
        tone: 'open',
      };
    case 'full':
      return { label: 'Complet', description: 'complet : une demande ira en liste d’attente', icon: IconCircleX, tone: 'full' };
    case 'booked':
      return { label: 'Réservé', description: 'réservé', icon: IconCircleCheckFilled, tone: 'booked' };
    case 'waitlisted':
      return {
        label: `Attente n°${cell.position ?? '?'}`,
        description: `en liste d’attente, position ${cell.position ?? 'inconnue'}`,
        icon: IconHourglass,
        tone: 'waitlisted',
      };
    case 'attended':
      return {
        label: cell.unbooked ? 'Présent (non rés.)' : 'Présent',
        description: cell.unbooked ? 'présent sans réservation' : 'présent',
        icon: IconUserCheck,
        tone: 'attended',
      };
    case 'absent':
      return {
        label: cell.absenceJustified ? 'Absent justifié' : 'Absent non just.',
        description: cell.absenceJustified ? 'absent, absence justifiée' : 'absent, absence non justifiée',
        icon: IconUserX,
        tone: 'absent',
      };
  }
}

export const cancelReasonNote = {
  inTime: 'annulé dans les délais',
  late: 'annulé hors délai (facturé)',
  sick: 'annulé pour maladie',
} as const;

/** Beside the places of a cell whose booking was cancelled (the full words are in its tooltip). */
export const cancelReasonShort = {
  inTime: 'annulé',
  late: 'annulé, facturé',
  sick: 'maladie',
} as const;
