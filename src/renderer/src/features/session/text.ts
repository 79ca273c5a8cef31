// Every French string of the session screens (login, lock screen, set-up banner, user menu), kept together so
// they can be reviewed in one place (STYLE.md §11).
export const text = {
  loading: 'Ouverture du guichet…',
  unreachable: 'Le guichet ne répond pas',
  unreachableHint: 'Le poste n’a pas pu lire l’état de la session. Vérifiez que Guichet est bien lancé, puis réessayez.',
  retry: 'Réessayer',
  login: {
    title: 'Connexion',
    intro: 'Identifiez-vous avec votre compte du personnel.',
    login: 'Identifiant',
    password: 'Mot de passe',
    submit: 'Se connecter',
    loginRequired: 'Saisissez votre identifiant.',
    passwordRequired: 'Saisissez votre mot de passe.',
    failed: 'Connexion impossible',
    delayHint: 'Après trois essais manqués, chaque nouvel essai n’est possible qu’après un délai de plus en plus long.',
    /** On the disabled button, counted down; the core's own message says why above it. */
    wait: (seconds: number) => `Patientez ${seconds} s`,
    forgotten: 'Mot de passe oublié : un administrateur de la commune peut vous en donner un nouveau (Administration › Comptes).',
  },
  lock: {
    title: 'Poste verrouillé',
    who: (name: string, role: string) => `Session de ${name} (${role})`,
    intro: 'Les données des familles sont masquées. Saisissez votre mot de passe pour reprendre où vous en étiez.',
    submit: 'Déverrouiller',
    switchUser: 'Changer d’utilisateur',
    switchUserHint: 'Ferme cette session : un autre membre du personnel pourra se connecter.',
  },
  showPassword: 'Afficher le mot de passe',
  setup: {
    banner: 'Mode mise en service : créez le premier compte administrateur',
    hint: 'Tant qu’aucun compte n’a de mot de passe, ce poste est ouvert à tous, sans connexion.',
    link: 'Aller aux comptes',
    done: 'Mise en service terminée',
    doneMessage: (login: string) => `Connectez-vous maintenant avec l’identifiant «\u00a0${login}\u00a0» et son mot de passe.`,
  },
  menu: {
    label: (name: string, role: string) => `Session : ${name}, ${role}. Ouvrir le menu de la session`,
    setupName: 'Mise en service',
    lock: 'Verrouiller',
    lockHint: 'Masque l’écran ; votre mot de passe le rouvre',
    logout: 'Se déconnecter',
    setupNote: 'Aucun compte : rien à verrouiller',
  },
  lockedNotice: 'Poste verrouillé',
  loggedOut: 'Vous êtes déconnecté',
};
