// French strings of Administration › Postes (the commune's desks, their enrolment codes and revocation), kept
// together so they can be reviewed in one place (STYLE.md §11).
const s = (n: number) => (n > 1 ? 's' : '');

export const desksText = {
  title: 'Postes',
  intro:
    'Les postes reliés au concentrateur de la commune. Pour installer un nouveau poste, créez son code d’enrôlement ici, puis saisissez-le sur ce poste. Révoquez un poste perdu, volé ou remplacé : il ne pourra plus se synchroniser.',
  unavailable: {
    standalone:
      'Ce poste n’est relié à aucun concentrateur : il n’y a pas d’autre poste à gérer. Reliez-le d’abord depuis l’écran Synchronisation.',
    offline: 'Hors ligne : les postes se gèrent en ligne uniquement. La liste reviendra dès que le poste sera en ligne.',
    revoked: 'Ce poste a été révoqué par le concentrateur : les postes ne peuvent pas être gérés d’ici.',
    stopped: 'La synchronisation de ce poste est arrêtée : les postes ne peuvent pas être gérés d’ici.',
    initial: 'Synchronisation initiale en cours : les postes pourront être gérés à la fin.',
    unknown: 'Vérification de la connexion au concentrateur…',
  } as Record<string, string>,
  unavailableTitle: 'Gestion des postes indisponible',
  create: {
    title: 'Nouveau poste',
    hint: 'Donnez au poste un nom que tout le monde reconnaît (son lieu, par exemple). Le code est valable 7 jours et ne sert qu’une fois.',
    name: 'Nom du nouveau poste',
    placeholder: 'Par exemple : Centre de loisirs',
    nameRequired: 'Indiquez le nom du nouveau poste (par exemple « Accueil mairie »).',
    submit: 'Créer un code d’enrôlement',
    failed: 'Code non créé',
  },
  code: {
    title: 'Code d’enrôlement',
    for: (name: string) => `Code d’enrôlement du poste « ${name} »`,
    validUntil: (when: string) => `Valable jusqu’au ${when}, une seule fois.`,
    howTo: (url: string) =>
      `Sur le nouveau poste, ouvrez Synchronisation › « Relier ce poste à un concentrateur », saisissez l’adresse ${url} et ce code.`,
    once: 'Ce code ne sera plus affiché : notez-le maintenant. Si vous le perdez, révoquez ce poste et créez un nouveau code.',
    done: 'J’ai noté le code',
  },
  list: {
    title: 'Postes de la commune',
    count: (n: number) => `${n} poste${s(n)}`,
    loading: 'Chargement des postes…',
    columns: {
      name: 'Poste',
      state: 'État',
      enrolledAt: 'Relié le',
      lastSeen: 'Dernier contact',
      lastPush: 'Dernier envoi',
      actions: 'Actions',
    },
    current: 'Ce poste',
    states: {
      waiting: 'En attente d’enrôlement',
      expired: 'Code expiré',
      enrolled: 'Actif',
      revoked: 'Révoqué',
    } as Record<string, string>,
    codeUntil: (when: string) => `Code valable jusqu’au ${when}`,
    revokedOn: (when: string) => `Le ${when}`,
    never: '—',
    revoke: 'Révoquer…',
    revokeOf: (name: string) => `Révoquer le poste « ${name} »`,
  },
  revoke: {
    title: 'Révoquer un poste',
    question: (name: string) => `Révoquer le poste « ${name} » ?`,
    effects: [
      'Il ne pourra plus se synchroniser avec le concentrateur : sa prochaine synchronisation sera refusée.',
      'Ce qu’il n’a pas encore envoyé ne sera pas transmis.',
      'Pour le réutiliser, il faudra le relier à nouveau avec un nouveau code d’enrôlement.',
    ],
    cancel: 'Annuler',
    confirm: 'Révoquer le poste',
    done: 'Poste révoqué',
    doneMessage: (name: string) => `Le poste « ${name} » ne peut plus se synchroniser.`,
    failed: 'Révocation impossible',
  },
};
