// French strings of the administration screens of online enrolment: the document types the commune asks for
// (pièces justificatives) and the versions of the règlement intérieur.
const s = (n: number) => (n > 1 ? 's' : '');

export const onlineText = {
  documentTypes: {
    title: 'Pièces justificatives',
    intro:
      'Les pièces demandées aux familles : dans le dossier annuel, ou pour s’inscrire à certaines activités. Les familles les envoient depuis l’espace famille ; un agent les valide.',
    add: 'Nouveau type de pièce',
    edit: (name: string) => `Modifier « ${name} »`,
    empty: 'Aucun type de pièce pour l’instant.',
    loading: 'Chargement…',
    columns: { name: 'Pièce', scope: 'Pour', validity: 'Validité', required: 'Demandée', actions: 'Actions' },
    scopes: { household: 'Le foyer', child: 'Chaque enfant' } as Record<string, string>,
    validity: (v: string, months: number) =>
      v === 'schoolYear' ? 'Année scolaire' : v === 'months' ? `${months} mois` : 'Permanente',
    requiredFor: (file: boolean, activities: string[]) =>
      [file ? 'Dossier annuel' : '', ...activities].filter(Boolean).join(', ') || '—',
    archived: 'Archivée',
    form: {
      name: 'Nom de la pièce',
      description: 'Précisions pour les familles',
      scope: 'Une pièce pour',
      validity: 'Durée de validité',
      validities: {
        schoolYear: 'Jusqu’à la fin de l’année scolaire (31 août)',
        months: 'Un nombre de mois',
        permanent: 'Permanente',
      },
      months: 'Nombre de mois',
      requiredForFile: 'Demandée dans le dossier annuel de chaque famille',
      requiredForActivities: 'Demandée pour s’inscrire à',
      archived: 'Archivée (plus demandée)',
      save: 'Enregistrer',
      cancel: 'Annuler',
      saved: 'Type de pièce enregistré',
    },
  },
  rules: {
    title: 'Règlement intérieur',
    intro:
      'Chaque famille accepte la dernière version publiée en envoyant son dossier annuel. Une nouvelle version ne modifie pas les précédentes.',
    publish: 'Publier une nouvelle version',
    publishTitle: 'Nouvelle version du règlement intérieur',
    titleLabel: 'Titre',
    body: 'Texte du règlement',
    save: 'Publier',
    cancel: 'Annuler',
    published: 'Nouvelle version publiée',
    empty: 'Aucun règlement publié pour l’instant.',
    version: (n: number) => `Version ${n}`,
    publishedOn: (when: string) => `publiée le ${when}`,
    acceptedBy: (n: number) => `acceptée par ${n} famille${s(n)}`,
    latest: 'En vigueur',
    show: 'Lire',
  },
};
