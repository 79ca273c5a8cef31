// Every French string of the staff accounts screen (Administration › Comptes), kept together so they can be
// reviewed in one place (STYLE.md §11). Role names come from shared/permissions.ts (ROLE_LABEL).
import type { Role } from '../../../../shared/commands/types';

export const roleDescriptions: Record<Role, string> = {
  agent: 'Familles, réservations, pointage, espace famille.',
  regisseur: 'Comme l’agent, plus les règlements, la facturation et le journal de la régie.',
  admin: 'Tout : activités, tarifs, paramètres, comptes, sauvegardes, données personnelles, import.',
};

export const text = {
  title: 'Comptes du personnel',
  intro:
    'Chaque personne qui travaille au guichet a son propre compte : le journal des modifications dit qui a fait quoi. Le rôle décide de ce que la personne peut voir et faire.',
  setupTitle: 'Mise en service',
  setupIntro:
    'Créez d’abord votre propre compte, avec le rôle Administrateur et un mot de passe. Dès qu’il est enregistré, ce poste demande une connexion : connectez-vous avec ce compte pour créer ceux de vos collègues.',
  loading: 'Chargement des comptes…',
  empty: 'Aucun compte pour l’instant.',
  add: 'Nouveau compte',
  listTitle: 'Liste des comptes',
  columns: { name: 'Nom', login: 'Identifiant', role: 'Rôle', state: 'État', actions: 'Actions' },
  you: '(vous)',
  active: 'Actif',
  inactive: 'Désactivé',
  noPassword: 'Sans mot de passe',
  noPasswordHint: 'Ce compte ne peut pas encore se connecter : définissez son mot de passe.',
  edit: 'Modifier',
  editOf: (name: string) => `Modifier le compte de ${name}`,
  setPassword: 'Mot de passe',
  setPasswordOf: (name: string) => `Définir le mot de passe de ${name}`,
  deactivate: 'Désactiver',
  deactivateOf: (name: string) => `Désactiver le compte de ${name}`,
  reactivate: 'Réactiver',
  reactivateOf: (name: string) => `Réactiver le compte de ${name}`,
  form: {
    createTitle: 'Nouveau compte',
    editTitle: (name: string) => `Compte de ${name}`,
    name: 'Nom et prénom',
    namePlaceholder: 'ex. : Claire Martin',
    login: 'Identifiant',
    loginHelp: '3 à 40 lettres sans accent, chiffres, points ou tirets (ex. : c.martin). Il sert à se connecter.',
    role: 'Rôle',
    setupRole: 'Le premier compte est forcément administrateur : c’est lui qui crée les autres.',
    active: 'Compte actif (la personne peut se connecter)',
    saved: 'Compte enregistré',
    created: 'Compte créé',
    failed: 'Enregistrement impossible',
  },
  password: {
    title: (name: string) => `Mot de passe de ${name}`,
    password: 'Mot de passe',
    newPassword: 'Nouveau mot de passe',
    confirm: 'Confirmer le mot de passe',
    mismatch: 'Les deux mots de passe ne sont pas identiques.',
    required: 'Choisissez un mot de passe.',
    tooShort: 'Le mot de passe doit comporter au moins 10 caractères.',
    rulesTitle: 'Règles du mot de passe',
    rules: [
      'au moins 10 caractères (une courte phrase se retient mieux qu’un mot compliqué) ;',
      'pas un mot de passe courant (azerty123, motdepasse, soleil…) ;',
      'ni le nom, ni le prénom, ni l’identifiant de la personne ;',
      'au moins 5 caractères différents.',
    ],
    handOver: 'Communiquez-le de vive voix à la personne, jamais par e-mail.',
    submit: 'Enregistrer le mot de passe',
    saved: 'Mot de passe enregistré',
    failed: 'Mot de passe refusé',
  },
  deactivateDialog: {
    body: (name: string) =>
      `${name} ne pourra plus se connecter. Son nom reste dans le journal des modifications. Vous pourrez réactiver le compte plus tard.`,
    confirm: 'Désactiver le compte',
    done: 'Compte désactivé',
    reactivated: 'Compte réactivé',
  },
  lockDelay: {
    title: 'Verrouillage automatique',
    intro:
      'Après ce délai sans activité (ni souris ni clavier), ce poste se verrouille : l’écran masque les données des familles et redemande le mot de passe.',
    label: 'Délai avant verrouillage (minutes)',
    help: 'Entre 1 et 240 minutes. Réglage propre à ce poste.',
    invalid: 'Indiquez un nombre entier de minutes, entre 1 et 240.',
    submit: 'Enregistrer le délai',
    saved: 'Délai de verrouillage enregistré',
    savedMessage: (n: number) => `Le poste se verrouillera après ${n} minute${n > 1 ? 's' : ''} sans activité.`,
  },
};
