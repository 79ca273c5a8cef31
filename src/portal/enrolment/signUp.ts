// Self sign-up of a new family: the form is checked (by a dry run of `household.signUp`, so the messages are
// the command's own), kept in the hub-only table `_hub_signups` with a one-time token (only its hash is stored,
// like activation tokens) and e-mailed as a link. Following the link, the parent chooses a password; then, in
// one transaction, `household.signUp` creates the household « en attente de validation », the portal account
// (active, login = the e-mail) is created, and the token is spent. Invariant: a refused sign-up stores nothing,
// and an e-mail address never gets two accounts or two pending sign-ups.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../shared/commands/types';
import { eq } from 'drizzle-orm';
import { guardians, schoolLevels } from '../../shared/db/schema';
import { hashPassword, passwordProblem } from '../../shared/passwords';
import type { Failure, Result } from '../../shared/result';
import { email as emailField } from '../../shared/domain/validation';
import type { HubDatabase } from '../hubDb';
import { mailWithLink, type Mailer } from '../mailer';
import { upsertAccount } from '../parents/accounts';
import { householdsOfGuardian, hubAudit, runCreatedAtHub } from '../parents/routes';
import { paths } from '../web/src/paths';
import { parentAuth } from '../parents/session';

export function installSignUps(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TABLE IF NOT EXISTS _hub_signups (
      token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL, used_at TEXT, guardian_id TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS _hub_signups_email ON _hub_signups (email);
  `);
}

const sha256 = (value: string) => createHash('sha256').update(value.trim()).digest('hex');

const text = (max: number) => z.string().max(max).default('');
export const signUpBody = z.object({
  civility: z.enum(['M.', 'Mme'], { error: 'Choisissez « Madame » ou « Monsieur ».' }),
  firstName: text(100),
  lastName: text(100),
  email: z.string().max(254),
  mobilePhone: text(40),
  addressLine1: text(300),
  addressLine2: text(300),
  postalCode: text(20),
  city: text(150),
  children: z
    .array(
      z.object({
        firstName: text(100),
        lastName: text(100),
        birthDate: z.string().max(10),
        sex: z.enum(['F', 'M']).nullish(),
        schoolLevel: z.enum(schoolLevels).nullish(),
        schoolName: z.string().max(200).optional(),
        relationship: z.enum(['mother', 'father', 'legalGuardian', 'other']).optional(),
      }),
    )
    .min(1, { error: 'Indiquez au moins un enfant.' })
    .max(12),
});
export type SignUpBody = z.infer<typeof signUpBody>;

export interface SignUpOptions {
  hub: HubDatabase;
  clock: () => Date;
  mailer?: Mailer;
  publicUrl: () => string;
  commune: () => string;
  /** Verification links are valid this long (default 14 days, like activation links). */
  lifetimeDays?: number;
  /** Called after a write that may have created family messages (the mail dispatcher). */
  afterWrite: () => void;
}

const refused = (message: string) => ({ error: 'refused', message });
/** Too many attempts from one address: a French answer (the plugin's default is English). */
const limited = (max: number) => ({
  max,
  timeWindow: '1 minute',
  errorResponseBuilder: (_request: unknown, context: { ttl: number }) => ({
    statusCode: 429,
    error: 'tooManyRequests',
    message: `Trop de tentatives : réessayez dans ${Math.max(1, Math.ceil(context.ttl / 1000))} s.`,
  }),
});
const ACCOUNT_EXISTS = 'Un compte existe déjà pour cette adresse e-mail.';
const SIGNUP_PENDING = 'Une inscription est déjà en cours pour cette adresse : consultez vos e-mails.';

class Rollback extends Error {
  constructor(readonly result: Result<unknown>) {
    super('rolled back');
  }
}

/** The `household.signUp` arguments for a sign-up form, with fresh ids. */
function signUpArgs(form: SignUpBody) {
  return {
    householdId: randomUUID(),
    guardian: {
      guardianId: randomUUID(),
      civility: form.civility,
      firstName: form.firstName,
      lastName: form.lastName,
      email: form.email,
      mobilePhone: form.mobilePhone,
      addressLine1: form.addressLine1,
      addressLine2: form.addressLine2,
      postalCode: form.postalCode,
      city: form.city,
    },
    children: form.children.map((c) => ({
      childId: randomUUID(),
      firstName: c.firstName,
      lastName: c.lastName,
      birthDate: c.birthDate,
      ...(c.sex ? { sex: c.sex } : {}),
      ...(c.schoolLevel ? { schoolLevel: c.schoolLevel } : {}),
      ...(c.schoolName ? { schoolName: c.schoolName } : {}),
      relationship: c.relationship ?? (form.civility === 'Mme' ? 'mother' : 'father'),
    })),
  };
}

const signUpActor = (args: ReturnType<typeof signUpArgs>): Actor => ({
  kind: 'parent',
  id: args.guardian.guardianId,
  name: `${args.guardian.firstName} ${args.guardian.lastName}`.trim() || 'Parent',
  householdIds: [args.householdId],
});

/** The command's field paths (`guardian.postalCode`) as the form's (`postalCode`). */
function formFailure(failure: Failure): Failure {
  if (!failure.fieldErrors) return failure;
  const fieldErrors = Object.fromEntries(
    Object.entries(failure.fieldErrors).map(([key, value]) => [key.replace(/^guardian\./, ''), value]),
  );
  return { ...failure, fieldErrors };
}

export async function signUpRoutes(app: FastifyInstance, options: SignUpOptions) {
  const { hub, clock } = options;
  installSignUps(hub.sqlite);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lifetimeDays = options.lifetimeDays ?? 14;
  const { openSession } = parentAuth(hub, clock, () => options.publicUrl().startsWith('https://'));

  const accountExists = (email: string) =>
    hub.sqlite
      .prepare(`SELECT 1 FROM _hub_parent_accounts WHERE (login = @email OR lower(email) = @email) AND state != 'revoked'`)
      .get({ email }) !== undefined;
  const pendingSignUp = (email: string, now: Date) =>
    hub.sqlite
      .prepare('SELECT 1 FROM _hub_signups WHERE email = ? AND used_at IS NULL AND expires_at > ?')
      .get(email, now.toISOString()) !== undefined;

  /** Runs `household.signUp` and rolls it back whatever happens: the form is checked by the command itself. */
  const dryRun = (args: ReturnType<typeof signUpArgs>, now: Date): Result<unknown> => {
    try {
      hub.sqlite
        .transaction(() => {
          throw new Rollback(runCreatedAtHub(hub, signUpActor(args), 'household.signUp', args, now));
        })
        .immediate();
    } catch (error) {
      if (error instanceof Rollback) return error.result;
      throw error;
    }
    throw new Error('unreachable');
  };

  api.post(
    '/api/parent/signup',
    { schema: { body: signUpBody }, config: { rateLimit: limited(10) }, bodyLimit: 64 * 1024 },
    async (request, reply) => {
      const now = clock();
      const parsedEmail = emailField.safeParse(request.body.email);
      if (!parsedEmail.success || parsedEmail.data === '') {
        const message = parsedEmail.success
          ? 'Indiquez votre adresse e-mail : elle sera votre identifiant.'
          : parsedEmail.error.issues[0]!.message;
        return reply.code(400).send({ error: 'invalid', message, fieldErrors: { email: message } });
      }
      const form: SignUpBody = { ...request.body, email: parsedEmail.data };
      if (accountExists(form.email)) return reply.code(409).send({ error: 'accountExists', message: ACCOUNT_EXISTS });
      if (pendingSignUp(form.email, now)) return reply.code(409).send({ error: 'signUpPending', message: SIGNUP_PENDING });
      if (!options.mailer)
        return reply.code(503).send(refused("L'envoi d'e-mails n'est pas configuré : l'inscription en ligne est indisponible."));
      const checked = dryRun(signUpArgs(form), now);
      if (!checked.ok) {
        const failure = formFailure(checked);
        return reply.code(400).send({ error: failure.code, message: failure.message, fieldErrors: failure.fieldErrors });
      }
      const token = randomBytes(32).toString('base64url');
      const tokenHash = sha256(token);
      // Check and insert in one synchronous step: two simultaneous sign-ups for one address cannot both pass.
      const inserted = hub.sqlite
        .transaction(() => {
          if (accountExists(form.email) || pendingSignUp(form.email, now)) return false;
          // Pending data is kept no longer than needed: expired sign-ups are forgotten.
          hub.sqlite.prepare(`DELETE FROM _hub_signups WHERE used_at IS NULL AND expires_at <= ?`).run(now.toISOString());
          hub.sqlite
            .prepare('INSERT INTO _hub_signups (token_hash, email, data, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
            .run(
              tokenHash,
              form.email,
              JSON.stringify(form),
              now.toISOString(),
              new Date(now.getTime() + lifetimeDays * 24 * 3600 * 1000).toISOString(),
            );
          return true;
        })
        .immediate();
      if (!inserted) return reply.code(409).send({ error: 'signUpPending', message: SIGNUP_PENDING });
      try {
        await options.mailer.send(
          mailWithLink(
            form.email,
            `${options.commune()} : confirmez votre adresse e-mail`,
            [
              `Bonjour ${form.civility} ${form.lastName},`,
              'Vous avez demandé à inscrire votre famille sur l’espace famille de la commune.',
              `Pour confirmer votre adresse e-mail et choisir votre mot de passe, suivez ce lien. Il est valable ${lifetimeDays} jours et ne sert qu’une fois. Votre identifiant sera : ${form.email}.`,
              'Votre famille sera ensuite « en attente de validation » jusqu’à ce que la mairie la valide.',
              `Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : sans confirmation, elle sera effacée au bout de ${lifetimeDays} jours.`,
            ],
            { label: 'Confirmer mon adresse e-mail', url: new URL(paths.signUpVerify(token), options.publicUrl()).toString() },
            options.commune(),
          ),
        );
      } catch (error) {
        hub.sqlite.prepare('DELETE FROM _hub_signups WHERE token_hash = ?').run(tokenHash);
        request.log.error({ err: { message: (error as Error).message } }, 'sign-up e-mail failed');
        return reply
          .code(502)
          .send(refused("L'e-mail de confirmation n'a pas pu être envoyé : réessayez dans quelques minutes."));
      }
      return reply.code(202).send({
        ok: true,
        message: `Un e-mail vient d’être envoyé à ${form.email} : suivez le lien qu’il contient pour confirmer votre inscription.`,
      });
    },
  );

  type PendingRow = { token_hash: string; email: string; data: string; expires_at: string; used_at: string | null };
  const checkPending = (
    token: string,
    now: Date,
  ): { ok: true; row: PendingRow; form: SignUpBody } | { ok: false; message: string } => {
    const row = hub.sqlite.prepare('SELECT * FROM _hub_signups WHERE token_hash = ?').get(sha256(token)) as
      PendingRow | undefined;
    if (!row) return { ok: false, message: 'Lien inconnu : recommencez votre inscription.' };
    if (row.used_at)
      return {
        ok: false,
        message: 'Ce lien a déjà été utilisé : connectez-vous avec votre adresse e-mail et votre mot de passe.',
      };
    if (row.expires_at <= now.toISOString()) return { ok: false, message: 'Ce lien a expiré : recommencez votre inscription.' };
    return { ok: true, row, form: JSON.parse(row.data) as SignUpBody };
  };

  // Who is signing up, for the page that asks for the password (nothing else of the form).
  api.get(
    '/api/parent/signup/verify/:token',
    {
      schema: { params: z.object({ token: z.string().min(8).max(100) }) },
      config: { rateLimit: limited(30) },
    },
    async (request, reply) => {
      const check = checkPending(request.params.token, clock());
      if (!check.ok) return reply.code(410).send(refused(check.message));
      return { firstName: check.form.firstName, lastName: check.form.lastName, email: check.form.email };
    },
  );

  api.post(
    '/api/parent/signup/verify',
    {
      schema: { body: z.object({ token: z.string().min(8).max(100), password: z.string().max(200) }) },
      config: { rateLimit: limited(20) },
      bodyLimit: 16 * 1024,
    },
    async (request, reply) => {
      const now = clock();
      const check = checkPending(request.body.token, now);
      if (!check.ok) return reply.code(410).send(refused(check.message));
      const { form } = check;
      const problem = passwordProblem(request.body.password, {
        email: form.email,
        firstName: form.firstName,
        lastName: form.lastName,
      });
      if (problem) return reply.code(400).send({ error: 'weak_password', message: problem });
      const hash = await hashPassword(request.body.password);
      const args = signUpArgs(form);
      let outcome: Result<unknown> | 'used' | 'exists';
      try {
        outcome = hub.sqlite
          .transaction((): Result<unknown> | 'used' | 'exists' => {
            // Checked again inside the write transaction: two clicks on the link create one family.
            const again = checkPending(request.body.token, now);
            if (!again.ok) return 'used';
            if (accountExists(form.email)) return 'exists';
            const result = runCreatedAtHub(hub, signUpActor(args), 'household.signUp', args, now);
            if (!result.ok) throw new Rollback(result);
            upsertAccount(
              hub.sqlite,
              args.guardian.guardianId,
              { login: form.email, email: form.email, password_hash: hash, state: 'active', activated_at: now.toISOString() },
              now,
            );
            // The form is in the household now: the pending copy is emptied.
            hub.sqlite
              .prepare(`UPDATE _hub_signups SET used_at = ?, guardian_id = ?, data = '{}' WHERE token_hash = ?`)
              .run(now.toISOString(), args.guardian.guardianId, sha256(request.body.token));
            return result;
          })
          .immediate();
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
        outcome = error.result;
      }
      if (outcome === 'used')
        return reply
          .code(410)
          .send(refused('Ce lien a déjà été utilisé : connectez-vous avec votre adresse e-mail et votre mot de passe.'));
      if (outcome === 'exists') return reply.code(409).send({ error: 'accountExists', message: ACCOUNT_EXISTS });
      if (!outcome.ok) {
        const failure = formFailure(outcome);
        return reply.code(400).send({ error: failure.code, message: failure.message, fieldErrors: failure.fieldErrors });
      }
      options.afterWrite();
      const guardianId = args.guardian.guardianId;
      const households = householdsOfGuardian(hub, guardianId);
      hubAudit(hub, signUpActor(args), now, 'portal.signUp', {
        entity: 'guardian',
        entityId: guardianId,
        householdId: args.householdId,
        reason: 'Inscription en ligne : adresse e-mail confirmée',
      });
      const csrf = openSession(reply, guardianId, now);
      const g = hub.db.select().from(guardians).where(eq(guardians.id, guardianId)).get()!;
      const session = {
        csrf,
        guardian: { id: g.id, civility: g.civility, firstName: g.firstName, lastName: g.lastName, email: g.email },
        households,
        commune: options.commune(),
      };
      return { ...session, householdId: args.householdId, session };
    },
  );
}
