// Connecting a desk to a hub: trade the enrolment code for a device token, keep the token in the secret
// store (Electron safeStorage in the app; a 0600 file in browser mode), remember the hub, turn on undo capture
// (from now on every command is provisional until the hub has seen it) and start syncing.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enrollResponseSchema } from '../../../shared/sync/protocol';
import { fail, ok, type Result } from '../../../shared/result';
import type { DeskDatabase } from '../db';
import { setCapture } from './capture';
import { getHubConnection, setHubConnection, type HubConnection } from './state';

export interface SecretStore {
  get(): string | undefined;
  set(token: string | null): void;
}

/** Browser mode and tests: the token in a file readable by its owner only. */
export function fileSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'device-token');
  return {
    get: () => (existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined),
    set: (token) => {
      writeFileSync(file, token ?? '', { mode: 0o600 });
      chmodSync(file, 0o600);
    },
  };
}

export async function connectToHub(
  store: DeskDatabase,
  secrets: SecretStore,
  input: { hubUrl: string; code: string },
  doFetch: typeof fetch = fetch,
): Promise<Result<HubConnection>> {
  if (getHubConnection(store.sqlite)) return fail('conflict', 'Ce poste est déjà relié à un concentrateur.');
  let url: URL;
  try {
    url = new URL(input.hubUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
  } catch {
    return fail('invalid', 'Adresse du concentrateur invalide (exemple : https://guichet.aiffres.fr).', {
      hubUrl: 'Adresse invalide.',
    });
  }
  const hasData = (store.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM households) AS v').get() as { v: number }).v === 1;
  let response: Response;
  try {
    response = await doFetch(new URL('/api/desks/enroll', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: input.code.trim(), deskHasData: hasData }),
    });
  } catch {
    return fail('offline', 'Concentrateur injoignable : vérifiez l’adresse et la connexion internet.');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok)
    return fail('refused', body.message ?? `Refus du concentrateur (HTTP ${response.status}).`, {
      code: body.message ?? 'Code refusé.',
    });
  const enrolled = enrollResponseSchema.parse(body);
  const connection: HubConnection = {
    url: url.origin,
    deskId: enrolled.deskId,
    deskName: enrolled.deskName,
    commune: enrolled.commune,
  };
  secrets.set(enrolled.token);
  store.sqlite.transaction(() => {
    setHubConnection(store.sqlite, connection);
    setCapture(store.sqlite, true);
  })();
  return ok(connection);
}
