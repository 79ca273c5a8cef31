// Every French string of the synchronisation screens (header status, sync panel, connect form, provisional
// mark), and the French name of each command as staff read it in the panel (STYLE.md §11). Command names are
// typed against the registry so that a renamed command shows here as a type error; a command added later
// without a label still shows, under a generic name.
import type { CommandName } from '../../commands';

const s = (n: number) => (n > 1 ? 's' : '');

export const commandLabels: Partial<Record<CommandName, string>> = {
  'household.create': 'Création d’une famille',
  'household.update': 'Modification d’un foyer',
  'household.archive': 'Archivage d’un foyer',
  'household.restore': 'Restauration d’un foyer',
  'guardian.add': 'Ajout d’un responsable',
  'guardian.link': 'Rattachement d’un responsable',
  'guardian.update': 'Modification d’un responsable',
  'guardian.setReceivesInvoices': 'Destinataire des factures',
  'guardian.detach': 'Retrait d’un responsable',
  'child.add': 'Ajout d’un enfant',
  'child.link': 'Rattachement d’un enfant',
  'child.update': 'Modification d’un enfant',
  'child.setRelationship': 'Lien de parenté',
  'child.setContacts': 'Contacts d’un enfant',
  'contact.updateByParent': 'Coordonnées modifiées par un parent',
  'familyQuotient.record': 'Quotient familial',
  'activity.save': 'Enregistrement d’une activité',
  'capacity.setException': 'Capacité d’un jour',
  'closure.add': 'Fermeture exceptionnelle',
  'closure.remove': 'Retrait d’une fermeture',
  'schoolYear.save': 'Calendrier scolaire',
  'enrolment.create': 'Inscription à une activité',
  'enrolment.update': 'Modification d’une inscription',
  'booking.book': 'Réservation',
  'booking.cancel': 'Annulation de réservation',
  'attendance.mark': 'Pointage',
  'attendance.addUnbooked': 'Présence non réservée',
  'tariff.save': 'Enregistrement d’un tarif',
  'tariff.remove': 'Retrait d’un tarif',
  'tariff.setPenalties': 'Majorations et pénalités',
  'regie.saveSettings': 'Paramètres de la régie',
  'invoice.issueMonth': 'Facturation du mois',
  'creditNote.issue': 'Avoir',
  'credit.apply': 'Utilisation d’un avoir',
  'payment.record': 'Règlement',
  'payment.reverse': 'Annulation de règlement',
  'rgpd.purge': 'Effacement de données (RGPD)',
};

export function commandLabel(name: string): string {
  return commandLabels[name as CommandName] ?? `Opération « ${name} »`;
}

export const pendingText = (n: number) => (n === 0 ? 'Aucune modification en attente' : `${n} modification${s(n)} en attente`);

export const text = {
  nav: 'Synchronisation',
  header: {
    open: 'Ouvrir le panneau de synchronisation',
    online: 'En ligne',
    syncedAt: (time: string) => `Synchronisé à ${time}`,
    syncedOn: (when: string) => `Synchronisé le ${when}`,
    notYetSynced: 'Pas encore synchronisé',
    offlineSince: (when: string) => `Hors ligne depuis ${when}`,
    offline: 'Hors ligne',
    retrying: 'Nouvelle tentative…',
    syncing: 'Synchronisation…',
    firstSync: 'Première synchronisation',
    percent: (p: number) => `${p} %`,
    revoked: 'Poste révoqué',
    revokedHint: 'Voir l’administrateur',
    standalone: 'Poste autonome',
    standaloneHint: 'Sans concentrateur',
    stopped: 'Synchronisation arrêtée',
    stoppedHint: 'Jeton du poste absent',
    unknown: 'État inconnu',
    unreachable: 'Le poste ne répond pas',
  },
  /** What a screen reader hears when the state changes (polite, coarse: no clock, no counter). */
  announce: {
    online: 'Synchronisation : en ligne',
    offline: 'Synchronisation : hors ligne',
    syncing: 'Synchronisation en cours',
    revoked: 'Synchronisation : poste révoqué',
    standalone: 'Poste autonome',
    stopped: 'Synchronisation arrêtée',
    unknown: '',
  },
  panel: {
    title: 'Synchronisation',
    intro:
      'Ce poste garde une copie complète des données et travaille même sans connexion. Le concentrateur fait foi : il confirme, modifie ou refuse ce qui est saisi ici.',
    loading: 'Chargement de l’état de la synchronisation…',
    stateTitle: 'État du poste',
    hub: 'Concentrateur',
    deskName: 'Nom du poste',
    commune: 'Commune',
    lastSync: 'Dernière synchronisation',
    never: 'jamais',
    offlineSince: 'Hors ligne depuis',
    pending: 'En attente d’envoi',
    lastError: 'Détail technique',
    syncNow: 'Synchroniser maintenant',
    syncDone: 'Synchronisation terminée',
    syncFailed: 'Synchronisation impossible',
    offlineExplain:
      'Le concentrateur ne répond pas. Tout ce que vous saisissez reste enregistré sur ce poste et partira dès le retour de la connexion ; le poste réessaie tout seul.',
    revokedExplain:
      'Le concentrateur a révoqué ce poste : il n’envoie plus rien et ne reçoit plus rien. Les modifications en attente restent sur le poste. Contactez l’administrateur du concentrateur.',
    onlineExplain: 'Ce poste échange ses modifications avec le concentrateur toutes les quelques secondes.',
    stoppedExplain:
      'Ce poste est relié à un concentrateur mais son jeton d’accès est introuvable : la synchronisation ne peut pas reprendre. Contactez l’administrateur.',
    initialTitle: 'Synchronisation initiale',
    initialExplain:
      'Première synchronisation : un poste qui avait déjà des données les envoie une fois au concentrateur, puis reçoit celles de la commune. Vous pouvez continuer à travailler pendant ce temps.',
    initialProgress: (p: number) => `Données reçues : ${p} %`,
    initialUploading: (n: number) => `Envoi des données du poste au concentrateur : ${pendingText(n)}…`,
    initialWaiting: 'Échange avec le concentrateur…',
    standaloneTitle: 'Poste autonome',
    standaloneExplain:
      'Ce poste n’est relié à aucun concentrateur : il fait foi pour ses propres données. L’espace famille et les autres postes ne sont pas disponibles tant qu’il n’est pas relié.',
    pendingTitle: 'Modifications en attente d’envoi',
    pendingNone: 'Aucune modification en attente : tout ce qui a été saisi ici est connu du concentrateur.',
    pendingCaption:
      'Modifications saisies sur ce poste, pas encore confirmées par le concentrateur, de la plus ancienne à la plus récente',
    pendingStandalone:
      'Poste autonome : les modifications sont définitives ici et seront envoyées au concentrateur quand le poste y sera relié.',
    localError: 'Ne s’applique plus sur ce poste',
    columns: { what: 'Opération', at: 'Saisie le', state: 'État' },
    more: (n: number) => `… et ${n} autre${s(n)}, envoyée${s(n)} dans l’ordre de saisie.`,
    waiting: 'En attente',
    verdictsTitle: 'Modifiées ou refusées par le concentrateur',
    verdictsIntro:
      'Quand le concentrateur ne peut pas accepter une opération telle quelle (journée complète, délai dépassé, donnée modifiée entre-temps sur un autre poste), il la modifie ou la refuse, et dit pourquoi.',
    verdictsNone: 'Le concentrateur n’a modifié ni refusé aucune opération de ce poste.',
    verdictsCaption: 'Décisions du concentrateur, de la plus récente à la plus ancienne',
    verdictColumns: { what: 'Opération', decision: 'Décision', reason: 'Motif', at: 'Décidé le' },
    modified: 'Modifiée',
    rejected: 'Refusée',
    noReason: 'Sans précision',
  },
  connect: {
    title: 'Relier ce poste à un concentrateur',
    introBefore: 'L’administrateur du concentrateur crée un code d’enrôlement pour ce poste avec la commande',
    command: 'npm run portal -- enroll-desk "Nom du poste"',
    introAfter: 'Le code est valable 7 jours et ne sert qu’une fois.',
    dataNote:
      'Un poste qui contient déjà des données ne peut rejoindre qu’un concentrateur vide : ses données y sont alors envoyées une fois. Sinon, reliez un poste vide : il recevra les données du concentrateur.',
    hubUrl: 'Adresse du concentrateur',
    hubUrlPlaceholder: 'https://guichet.mairie.fr',
    hubUrlRequired: 'Indiquez l’adresse du concentrateur (exemple : https://guichet.mairie.fr).',
    code: 'Code d’enrôlement',
    codePlaceholder: 'ex. : 7F3K-92QX-M4TZ',
    codeRequired: 'Indiquez le code d’enrôlement donné par l’administrateur.',
    submit: 'Relier ce poste',
    connected: 'Poste relié au concentrateur',
    connectedMessage: (desk: string, commune: string) => `Poste « ${desk} » (${commune}) : la synchronisation commence.`,
    failed: 'Le poste n’a pas pu être relié',
  },
  provisional: {
    mark: 'en attente de synchronisation',
  },
};
