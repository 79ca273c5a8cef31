// The household's documents as the pages read them, and the checks the browser can make before sending a file
// (the hub decides: it reads the file's first bytes and refuses anything that is not a PDF, JPEG or PNG).
import { api } from '../../api';
import type { DocumentsResponse, DocumentType, FamilyDocument } from '../../types';
import { MAX_DOCUMENT_BYTES } from '../enrolment/labels';

export const documentsKey = (householdId: string) => ['documents', householdId] as const;

export const fetchDocuments = (householdId: string) =>
  api<DocumentsResponse>('GET', `/api/parent/households/${householdId}/documents`);

/** "2,4 Mo", "830 ko". */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

/** A French reason to refuse the file before sending it, or null. */
export function checkFile(file: File): string | null {
  if (file.size === 0) return 'Ce fichier est vide : choisissez un autre fichier.';
  if (file.size > MAX_DOCUMENT_BYTES)
    return `Ce fichier pèse ${fileSizeText(file.size)} : la taille maximale est de 10 Mo. Prenez une photo moins lourde ou réduisez le PDF.`;
  const name = file.name.toLowerCase();
  const knownType = ['application/pdf', 'image/jpeg', 'image/png'].includes(file.type);
  if (!knownType && !/\.(pdf|jpe?g|png)$/.test(name))
    return 'Ce type de fichier n’est pas accepté : envoyez un PDF, une photo JPEG ou une image PNG.';
  return null;
}

/** The latest document of a type (for a child, or the household's own when childId is null). */
export function latestDocument(
  documents: FamilyDocument[],
  type: DocumentType,
  childId: string | null,
): FamilyDocument | undefined {
  return documents
    .filter((d) => (d.documentTypeId ? d.documentTypeId === type.id : d.typeName === type.name))
    .filter((d) => (d.childId ?? null) === childId)
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))[0];
}
