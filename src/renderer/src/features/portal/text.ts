// Every French string of the portal accounts on the desk (the « Espace famille » block of a guardian and the
// printable activation letter), kept together so they can be reviewed in one place (STYLE.md §11).
export const text = {
  title: 'Espace famille',
  loading: 'Lecture de l’état de l’espace famille…',
  state: {
    none: 'Pas d’espace famille',
    invited: (date: string) => (date ? `Invitation envoyée le ${date}` : 'Invitation envoyée'),
    active: (date: string) => (date ? `Espace activé le ${date}` : 'Espace activé'),
    revoked: 'Révoqué',
    unknown: 'État inconnu',
  },
  login: (login: string) => `Identifiant : ${login}`,
  lastKnown: 'dernier état connu',
  actions: {
    invite: 'Activer l’espace famille',
    resend: 'Renvoyer l’invitation',
    letter: 'Lettre d’activation',
    revoke: 'Révoquer',
    forGuardian: (action: string, name: string) => `${action} — ${name}`,
  },
  reasons: {
    noEmail: 'Pas d’adresse e-mail : ajoutez-en une avec « Modifier », ou imprimez une lettre d’activation.',
    standalone:
      'Espace famille indisponible : ce poste n’est relié à aucun concentrateur (voir Synchronisation).',
    offline:
      'Hors ligne : l’espace famille se gère en ligne uniquement. Les boutons reviendront dès que le poste sera en ligne.',
    revoked: 'Ce poste a été révoqué par le concentrateur : l’espace famille n’est pas accessible d’ici.',
    stopped: 'La synchronisation de ce poste est arrêtée : l’espace famille n’est pas accessible d’ici.',
    initial: 'Synchronisation initiale en cours : l’espace famille sera disponible à la fin.',
    unknown: 'Vérification de la connexion au concentrateur…',
  },
  done: {
    invited: (email: string) => `Invitation envoyée à ${email}`,
    invitedMessage: 'Le responsable reçoit un lien d’activation à usage unique ; il choisira lui-même son mot de passe.',
    revoked: 'Espace famille révoqué',
    revokedMessage: 'Le responsable ne peut plus se connecter.',
    failed: 'Opération impossible',
  },
  revoke: {
    title: (name: string) => `Révoquer l’espace famille de ${name}`,
    body: 'Le responsable ne pourra plus se connecter, et ses sessions ouvertes sont fermées. Un lien ou une lettre d’activation pas encore utilisés ne fonctionneront plus.',
    later: 'Vous pourrez lui envoyer une nouvelle invitation plus tard.',
    confirm: 'Révoquer l’espace famille',
    cancel: 'Annuler',
  },
  letter: {
    modalTitle: (name: string) => `Lettre d’activation — ${name}`,
    replaces: 'Ce code remplace celui de toute lettre imprimée auparavant pour ce responsable.',
    print: 'Imprimer la lettre',
    close: 'Fermer la lettre',
    service: 'Service enfance – jeunesse',
    dateLine: (date: string) => `Le ${date}`,
    subject: 'Objet : activation de votre espace famille',
    salutation: (civility: string) => (civility === 'Mme' ? 'Madame,' : civility === 'M.' ? 'Monsieur,' : 'Madame, Monsieur,'),
    intro:
      'Votre commune met à votre disposition un espace famille en ligne. Vous pourrez y réserver les activités de vos enfants (restauration scolaire, accueil périscolaire, mercredis, vacances), consulter et payer vos factures, et mettre à jour vos coordonnées.',
    howTitle: 'Pour activer votre espace famille',
    steps: (url: string) => [
      `Rendez-vous à l’adresse : ${url}`,
      'Saisissez le code d’activation ci-dessous (les tirets sont facultatifs).',
      'Choisissez votre mot de passe (au moins 10 caractères).',
      'Connectez-vous ensuite avec votre identifiant et ce mot de passe.',
    ],
    credentials: 'Vos informations de connexion',
    login: 'Identifiant',
    code: 'Code d’activation',
    expires: (date: string, time: string) => `Ce code est valable jusqu’au ${date} à ${time} et ne sert qu’une seule fois.`,
    safety:
      'Ce code est personnel : ne le communiquez à personne. La mairie ne vous demandera jamais votre mot de passe.',
    expired: 'Code expiré ou perdu ? Demandez une nouvelle lettre au guichet.',
    closing: 'Nous vous prions d’agréer nos salutations distinguées.',
    signature: 'Le service enfance – jeunesse',
  },
};
