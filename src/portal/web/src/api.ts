// The one way the web app talks to the hub: same-origin JSON, the session cookie sent by the browser, the CSRF
// token added to every write. A refused request becomes an ApiError carrying the hub's French message (and its
// field errors); a network failure becomes one too, with a French message of its own.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';

/** Set from the session (or from the answer to login / activation), sent back on every write. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const fallbackMessage = (status: number) =>
  status === 401
    ? 'Session expirée : reconnectez-vous.'
    : status === 413
      ? 'Le fichier est trop volumineux (10 Mo au maximum).'
      : status === 429
      ? 'Trop de tentatives : patientez un instant puis réessayez.'
      : status >= 500
        ? 'Le service est momentanément indisponible. Réessayez dans quelques minutes.'
        : 'La demande n’a pas abouti.';

export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Connexion impossible : vérifiez votre accès à Internet puis réessayez.');
  }
  return readAnswer<T>(response);
}

/** A multipart upload (a document's file and its fields), with the CSRF token like every write. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'network', 'Connexion impossible : vérifiez votre accès à Internet puis réessayez.');
  }
  return readAnswer<T>(response);
}

async function readAnswer<T>(response: Response): Promise<T> {
  const data = (await response.json().catch(() => null)) as {
    error?: string;
    message?: string;
    fieldErrors?: Record<string, string>;
  } | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.error ?? 'http',
      typeof data?.message === 'string' && response.status < 500 ? data.message : fallbackMessage(response.status),
      data?.fieldErrors ?? {},
    );
  }
  return data as T;
}

export const errorMessage = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Une erreur inattendue est survenue. Rechargez la page.';
