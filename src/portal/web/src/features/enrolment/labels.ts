// The French words of the online enrolment pages (sign-up, requests, documents, yearly file), kept together so
// they can be reviewed in one place (STYLE.md §11). Keys are the code values of the schema.
import { statusText } from '../../theme';
import type { Diet, DocumentState, Pickup, RequestStatus, SchoolLevel, Sex } from '../../types';

export const schoolLevelLabels: Record<SchoolLevel, string> = {
  TPS: 'TPS – Toute petite section',
  PS: 'PS – Petite section',
  MS: 'MS – Moyenne section',
  GS: 'GS – Grande section',
  CP: 'CP',
  CE1: 'CE1',
  CE2: 'CE2',
  CM1: 'CM1',
  CM2: 'CM2',
};

export const sexLabels: Record<Sex, string> = { F: 'Fille', M: 'Garçon' };

export const dietLabels: Record<Diet, string> = {
  none: 'Aucun régime particulier',
  noPork: 'Sans porc',
  noMeat: 'Sans viande',
  glutenFree: 'Sans gluten',
};

export const pickupLabels: Record<Pickup, string> = {
  allowed: 'Peut venir chercher l’enfant',
  forbidden: 'Ne doit jamais repartir avec l’enfant',
  none: 'Ne vient pas chercher l’enfant',
};

/** A state in words (never a colour alone) and the colour that goes with it. */
export const requestStatusLabels: Record<RequestStatus, { label: string; color: keyof typeof statusText }> = {
  pending: { label: 'En attente de réponse', color: 'blue' },
  accepted: { label: 'Acceptée', color: 'green' },
  refused: { label: 'Refusée', color: 'red' },
  waitlisted: { label: 'Liste d’attente', color: 'orange' },
  cancelled: { label: 'Annulée', color: 'gray' },
};

export const documentStateLabels: Record<DocumentState, { label: string; color: keyof typeof statusText }> = {
  missing: { label: 'Manquant', color: 'red' },
  received: { label: 'Reçu, en cours de vérification', color: 'blue' },
  validated: { label: 'Validé', color: 'green' },
  refused: { label: 'Refusé', color: 'red' },
  expired: { label: 'Expiré', color: 'orange' },
};

export const fileStatusLabels = {
  none: { label: 'À remplir', color: 'orange' },
  submitted: { label: 'Envoyé, en attente de validation par la mairie', color: 'blue' },
  accepted: { label: 'Validé par la mairie', color: 'green' },
  refused: { label: 'À corriger', color: 'red' },
} as const;

export const PENDING_BANNER = 'Dossier en attente de validation par la mairie';

/** Maximum size of an uploaded document (the hub decides; the page warns before sending). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_DOCUMENT_TYPES = 'application/pdf,image/jpeg,image/png';
