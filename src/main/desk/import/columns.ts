// The columns the family import understands: one canonical French header each, and the other names it
// accepts — notably those of a Noethys export — compared without accents, case or punctuation. The table in
// README.md ("Importing families") is written from this list.
import { foldText } from '../../../shared/domain/search';

export type ImportField =
  | 'family'
  | 'role'
  | 'civility'
  | 'lastName'
  | 'firstName'
  | 'birthName'
  | 'birthDate'
  | 'sex'
  | 'addressLine1'
  | 'addressLine2'
  | 'postalCode'
  | 'city'
  | 'homePhone'
  | 'mobilePhone'
  | 'workPhone'
  | 'email'
  | 'employerName'
  | 'relationship'
  | 'schoolName'
  | 'schoolLevel'
  | 'className'
  | 'diet'
  | 'allergies'
  | 'careplan'
  | 'doctorName'
  | 'doctorPhone'
  | 'photoConsent';

/** Canonical header (as documented and as shown in messages) and accepted names. */
export const importColumns: Record<ImportField, { label: string; names: string[] }> = {
  family: {
    label: 'Famille',
    names: [
      'Famille',
      'N° famille',
      'No famille',
      'Numéro de famille',
      'Numéro famille',
      'ID famille',
      'IDfamille',
      'Code famille',
      'Foyer',
      'N° foyer',
      'N° dossier',
      'Dossier',
    ],
  },
  role: { label: 'Rôle', names: ['Rôle', 'Catégorie', 'Catégorie individu', 'Type', 'Type individu', 'Statut'] },
  civility: { label: 'Civilité', names: ['Civilité', 'Titre'] },
  lastName: { label: 'Nom', names: ['Nom', 'Nom de famille', "Nom d'usage", 'Nom usage'] },
  firstName: { label: 'Prénom', names: ['Prénom', 'Prenom'] },
  birthName: { label: 'Nom de naissance', names: ['Nom de naissance', 'Nom de jeune fille'] },
  birthDate: {
    label: 'Date de naissance',
    names: ['Date de naissance', 'Date naissance', 'Date de naiss.', 'Date naiss.', 'Né(e) le', 'Né le', 'Née le', 'Naissance'],
  },
  sex: { label: 'Sexe', names: ['Sexe', 'Genre'] },
  addressLine1: { label: 'Adresse', names: ['Adresse', 'Rue', 'Adresse 1', 'Adresse ligne 1', 'Voie', 'N° et rue'] },
  addressLine2: { label: "Complément d'adresse", names: ["Complément d'adresse", 'Complément', 'Adresse 2', 'Adresse ligne 2'] },
  postalCode: { label: 'CP', names: ['CP', 'Code postal', 'C.P.'] },
  city: { label: 'Ville', names: ['Ville', 'Commune', 'Localité'] },
  homePhone: {
    label: 'Téléphone domicile',
    names: [
      'Téléphone domicile',
      'Tél. domicile',
      'Tél domicile',
      'Tél. dom.',
      'Téléphone fixe',
      'Tél. fixe',
      'Fixe',
      'Téléphone',
      'Tél.',
    ],
  },
  mobilePhone: {
    label: 'Tél. portable',
    names: ['Tél. portable', 'Téléphone portable', 'Portable', 'Mobile', 'Tél. mobile', 'Téléphone mobile', 'GSM'],
  },
  workPhone: {
    label: 'Tél. travail',
    names: [
      'Tél. travail',
      'Téléphone travail',
      'Tél. pro.',
      'Tél. pro',
      'Téléphone professionnel',
      'Tél. professionnel',
      'Tél. bureau',
    ],
  },
  email: { label: 'Email', names: ['Email', 'E-mail', 'Mail', 'Courriel', 'Adresse email', 'Adresse e-mail', 'Adresse mail'] },
  employerName: { label: 'Employeur', names: ['Employeur', 'Société'] },
  relationship: { label: 'Lien de parenté', names: ['Lien de parenté', 'Lien', 'Qualité'] },
  schoolName: { label: 'École', names: ['École', 'Ecole', 'Établissement', 'Établissement scolaire', "Nom de l'école"] },
  schoolLevel: { label: 'Niveau', names: ['Niveau', 'Niveau scolaire'] },
  className: { label: 'Classe', names: ['Classe'] },
  diet: { label: 'Régime alimentaire', names: ['Régime alimentaire', 'Régime'] },
  allergies: { label: 'Allergies', names: ['Allergies', 'Allergie'] },
  careplan: { label: 'PAI', names: ['PAI', "Projet d'accueil individualisé"] },
  doctorName: { label: 'Médecin', names: ['Médecin', 'Médecin traitant', 'Nom du médecin'] },
  doctorPhone: { label: 'Tél. médecin', names: ['Tél. médecin', 'Téléphone médecin', 'Téléphone du médecin'] },
  photoConsent: { label: "Droit à l'image", names: ["Droit à l'image", 'Autorisation photo', 'Photos', 'Droit image'] },
};

export const normaliseHeader = (header: string) => foldText(header);

const byName = new Map<string, ImportField>();
for (const [field, { names }] of Object.entries(importColumns) as [ImportField, { names: string[] }][]) {
  for (const name of names) byName.set(normaliseHeader(name), field);
}

export interface ColumnMapping {
  /** Field → index of its column in the file and the header as written there. */
  fields: Partial<Record<ImportField, { index: number; header: string }>>;
  /** Headers the import does not use (shown in the preview, never an error). */
  ignored: string[];
}

export function mapColumns(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = { fields: {}, ignored: [] };
  headers.forEach((header, index) => {
    const field = byName.get(normaliseHeader(header));
    if (field && !mapping.fields[field]) mapping.fields[field] = { index, header: header.trim() };
    else if (header.trim()) mapping.ignored.push(header.trim());
  });
  return mapping;
}
