// The demo commune of Aiffres (79230): a realistic family file (households, guardians, children, contacts,
// family quotients), its children's services (activities, enrolments, bookings, attendance: see
// demoReservations.ts) and its régie (tariffs, settings, invoices, payments: see demoRegie.ts) for demos, the browser mode and benchmarks. Deterministic: one seed and one "now", one
// commune (contents and ids). Everything is written through the real commands, like a desk agent would, so the
// audit log, the outbox and the search index are filled exactly as in production; a rejected command — or a
// booking that does not come out as planned — is a bug and throws.
import type { z } from 'zod';
import type { AnyCommand } from '../../../shared/commands';
import { loadSchoolCalendar } from '../../../shared/commands/catalogue';
import {
  childLink,
  childSetContacts,
  childSetRelationship,
  familyQuotientRecord,
  guardianAdd,
  householdCreate,
} from '../../../shared/commands/families';
import type { Actor } from '../../../shared/commands/types';
import type { schoolLevels } from '../../../shared/db/schema';
import { zoneASchoolCalendar, type SchoolCalendar } from '../../../shared/domain/schoolCalendar';
import { foldText } from '../../../shared/domain/search';
import type { DeskCore } from '../core';
import * as aiffres from './aiffres';
import { planRegie, seedRegieActivity, type DemoRegiePlan } from './demoRegie';
import { planReservations, type DemoChild, type DemoReservationPlan, type ReservationCommand } from './demoReservations';
import { SeededRandom } from './seededRandom';

/** Bump when the generated data changes, so that cached demo databases (benchmarks) are rebuilt. */
export const DEMO_GENERATOR_VERSION = 3;

/** The instant a plan is made for when none is given (seeding uses the core's clock instead). */
export const DEMO_REFERENCE_NOW = '2026-11-26T09:00:00.000Z';

export const demoActor: Actor = { kind: 'system', id: 'demo', name: 'Données de démonstration' };

/** The school year the commune is set in: rentrée of September 2026 (2026–2027); school levels follow. */
const SCHOOL_YEAR_START = 2026;
/** Family quotients are valid for one calendar year. */
const QUOTIENT_YEAR = 2026;

export interface DemoOptions {
  /** Number of households (default 650, the size of the commune). */
  families?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** "Now" (UTC ISO instant): bookings are planned around it. Seeding: the core's clock; planning: DEMO_REFERENCE_NOW. */
  now?: string;
  /** The commune's school calendar. Seeding: the stored one; planning: the shipped zone A calendar. */
  calendar?: SchoolCalendar;
  /**
   * `bookings` (default): activities, enrolments, the bookings, cancellations and attendance of four months, and
   * the régie (tariffs, penalties, settings, the past month invoiced and paid: see demoRegie.ts);
   * `enrolments`: activities, closures and enrolments only; `none`: the family file only.
   */
  reservations?: 'bookings' | 'enrolments' | 'none';
}

export interface DemoSummary {
  households: number;
  children: number;
  guardians: number;
}

type Sex = 'F' | 'M';
type SchoolLevel = (typeof schoolLevels)[number];
type Args<C extends AnyCommand> = z.input<C['input']>;
type GuardianArgs = Args<typeof householdCreate>['guardians'][number] & { guardianId: string };
type ChildArgs = NonNullable<Args<typeof householdCreate>['children']>[number] & { childId: string };
type ContactArgs = Args<typeof childSetContacts>['contacts'][number];
type Address = { addressLine1: string; addressLine2: string; postalCode: string; city: string };

export interface PlannedCommand {
  name: AnyCommand['name'];
  args: unknown;
  /** Bookings and cancellations: what each item must come out as (see demoReservations.ts). */
  expect?: ReservationCommand['expect'];
}

export interface DemoPlan {
  commands: PlannedCommand[];
  /** The first `familyCommands` commands build the family file; the others, its activities and reservations. */
  familyCommands: number;
  summary: DemoSummary;
  /** The activities, calendar and habits behind the bookings; null with `reservations: 'none'`. */
  reservations: DemoReservationPlan | null;
  /** The months the seeding invoices after the commands; null unless `reservations: 'bookings'`. */
  regie: DemoRegiePlan | null;
}

/**
 * Seeds the commune into `core` in one transaction: all of it, or nothing if a command is rejected. Bookings
 * are planned around the core's clock and the calendar stored in the database.
 */
export function seedDemoCommune(core: DeskCore, options: DemoOptions = {}): DemoSummary {
  const plan = planDemoCommune({
    ...options,
    now: options.now ?? core.clock().toISOString(),
    calendar: options.calendar ?? loadSchoolCalendar(core.store.db),
  });
  runDemoPlan(core, plan);
  return plan.summary;
}

/**
 * Runs a plan's commands in one transaction (see seedDemoCommune); `from` skips the first commands (the family
 * file, when it is already in the database).
 */
export function runDemoPlan(core: DeskCore, plan: DemoPlan, from = 0): void {
  // One outer transaction: each command's own transaction becomes a SAVEPOINT inside it (better-sqlite3 nests
  // transactions that way), so a command still rolls back alone, but the whole seeding commits once.
  const run = (name: string, args: unknown): unknown => {
    const result = core.runCommand(name, args, demoActor);
    if (!result.ok) {
      const fields = result.fieldErrors ? ` ${JSON.stringify(result.fieldErrors)}` : '';
      throw new Error(
        `Demo commune: command ${name} was rejected (${result.code}: ${result.message}${fields.slice(0, 500)}); arguments: ${JSON.stringify(args).slice(0, 1000)}`,
      );
    }
    return result.value;
  };
  core.store.sqlite.transaction(() => {
    for (const command of plan.commands.slice(from)) {
      const value = run(command.name, command.args);
      if (command.expect) checkItems(command, value as { items: { outcome: string; cancelReason?: string; message?: string }[] });
    }
    // Invoicing and payments answer with ids and amounts the plan cannot know: decided now (seeded, see demoRegie).
    if (plan.regie) seedRegieActivity(core, plan.regie, run);
  })();
}

/** A booking that is not waitlisted or cancelled as planned means the plan's simulation and the core disagree. */
function checkItems(
  command: PlannedCommand,
  value: { items: { outcome: string; cancelReason?: string; message?: string }[] },
): void {
  const expected = command.expect!;
  const outcomes = value.items.map((i) => i.outcome);
  const reasons = value.items.map((i) => i.cancelReason);
  const same = JSON.stringify(outcomes) === JSON.stringify(expected.outcomes);
  if (same && (!expected.cancelReasons || JSON.stringify(reasons) === JSON.stringify(expected.cancelReasons))) return;
  const messages = value.items.map((i) => i.message).filter(Boolean);
  throw new Error(
    `Demo commune: ${command.name} came out as ${JSON.stringify(outcomes)} ${JSON.stringify(reasons)} instead of ${JSON.stringify(expected)} (${messages.join(' ')}); arguments: ${JSON.stringify(command.args).slice(0, 1000)}`,
  );
}

/** The commands that build the commune, without running them (pure: same options, same list). */
export function planDemoCommune(options: DemoOptions = {}): DemoPlan {
  const families = options.families ?? 650;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(families) || families < 0) throw new Error(`families must be a non-negative integer, got ${families}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const planner = new CommunePlanner(seed, families);
  planner.plan();
  const mode = options.reservations ?? 'bookings';
  const familyCommands = planner.commands.length;
  if (mode === 'none')
    return { commands: planner.commands, familyCommands, summary: planner.summary, reservations: null, regie: null };
  const reservations = planReservations({
    seed,
    families,
    children: planner.demoChildren,
    now: options.now ?? DEMO_REFERENCE_NOW,
    calendar: options.calendar ?? zoneASchoolCalendar,
    bookings: mode === 'bookings',
  });
  const regie = mode === 'bookings' ? planRegie({ seed, reservations: reservations.plan }) : null;
  return {
    commands: [...planner.commands, ...(reservations.commands as PlannedCommand[]), ...((regie?.commands ?? []) as PlannedCommand[])],
    familyCommands,
    summary: planner.summary,
    reservations: reservations.plan,
    regie: regie?.plan ?? null,
  };
}

class CommunePlanner {
  readonly commands: PlannedCommand[] = [];
  readonly summary: DemoSummary = { households: 0, children: 0, guardians: 0 };
  /** Every child, with what the reservations need (level, households, residence). */
  readonly demoChildren: DemoChild[] = [];
  private readonly childById = new Map<string, DemoChild>();
  private readonly rng: SeededRandom;
  /** Ids come from their own stream, so that ids do not shift when the contents change, and vice versa. */
  private readonly ids: SeededRandom;
  private readonly usedEmails = new Set<string>();
  private readonly usedPhones = new Set<string>();
  /** Households (by creation order) with no current family quotient. */
  private readonly missingQuotient = new Set<number>();

  constructor(
    seed: number,
    private readonly families: number,
  ) {
    this.rng = new SeededRandom(seed);
    this.ids = new SeededRandom(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1));
  }

  plan(): void {
    const n = this.families;
    // Quotas rather than coin flips for the cases a demo must show, even in a small commune.
    const pairs = n >= 2 ? Math.max(1, Math.round(n * 0.015)) : 0;
    const singles = Math.round(n * 0.05);
    const couples = n - 2 * pairs - singles;
    const kinds = [
      ...Array<'pair'>(pairs).fill('pair'),
      ...Array<'single'>(singles).fill('single'),
      ...Array<'couple'>(Math.max(0, couples)).fill('couple'),
    ];
    this.rng.shuffle(kinds);
    const missing = Math.round(n * 0.08);
    for (const index of this.rng.shuffle([...Array(n).keys()]).slice(0, missing)) this.missingQuotient.add(index);
    for (const kind of kinds) {
      if (kind === 'pair') this.separatedParents();
      else if (kind === 'single') this.singleParent();
      else this.couple();
    }
  }

  private command<C extends AnyCommand>(def: C, args: Args<C>): void {
    this.commands.push({ name: def.name, args });
  }

  // ── Households ─────────────────────────────────────────────────────────────────────────────────────────

  private couple(): void {
    const rng = this.rng;
    const address = this.address(rng.chance(0.97));
    const landline = rng.chance(0.2) ? this.landline() : '';
    const fatherLast = this.lastName();
    let mother: GuardianArgs;
    let other: GuardianArgs;
    let childLast = fatherLast;
    if (rng.chance(0.012)) {
      // Two mothers.
      mother = this.adult('F', this.lastName(), { address, landline, relationship: 'mother' });
      other = this.adult('F', this.lastName(), { address, landline, relationship: 'mother' });
      childLast = mother.lastName;
    } else if (rng.chance(0.55)) {
      // Married: she uses his name, her birth name is kept.
      mother = this.adult('F', fatherLast, { address, landline, relationship: 'mother', birthName: this.lastName() });
      other = this.adult('M', fatherLast, { address, landline, relationship: 'father' });
    } else {
      mother = this.adult('F', this.lastName(), { address, landline, relationship: 'mother' });
      other = this.adult('M', fatherLast, { address, landline, relationship: 'father' });
      const r = rng.next();
      if (r < 0.08) childLast = `${fatherLast}-${mother.lastName}`;
      else if (r < 0.2) childLast = mother.lastName;
    }
    const [first, second] = rng.chance(0.68) ? [mother, other] : [other, mother];
    first.receivesInvoices = true;
    second.receivesInvoices = rng.chance(0.2);
    const kids = this.children(this.childCount(), childLast);
    // Sometimes the second guardian is added after the household was opened, as at the desk.
    const addedLater = rng.chance(0.1);
    const householdId = this.household(addedLater ? [first] : [first, second], kids);
    if (addedLater) {
      this.command(guardianAdd, { householdId, ...second });
      this.summary.guardians += 1;
    }
    this.contactsFor(kids, [mother.birthName || mother.lastName, fatherLast]);
  }

  private singleParent(): void {
    const rng = this.rng;
    const address = this.address(rng.chance(0.95));
    const landline = rng.chance(0.15) ? this.landline() : '';
    let guardian: GuardianArgs;
    let childLast: string;
    const r = rng.next();
    if (r < 0.08) {
      // A grandmother who is the children's legal guardian.
      guardian = this.adult('F', this.lastName(), { address, landline, relationship: 'legalGuardian', elder: true });
      childLast = rng.chance(0.5) ? guardian.lastName : this.lastName();
    } else if (r < 0.8) {
      guardian = this.adult('F', this.lastName(), { address, landline, relationship: 'mother' });
      childLast = rng.chance(0.55) ? this.lastName() : guardian.lastName;
    } else {
      guardian = this.adult('M', this.lastName(), { address, landline, relationship: 'father' });
      childLast = guardian.lastName;
    }
    guardian.receivesInvoices = true;
    const kids = this.children(this.childCount(), childLast);
    this.household([guardian], kids);
    this.contactsFor(kids, [guardian.lastName]);
  }

  /** Separated parents: the children live in the mother's household and are linked to the father's one. */
  private separatedParents(): void {
    const rng = this.rng;
    const fatherLast = this.lastName();
    const kids = this.children(
      rng.weighted([
        [1, 55],
        [2, 35],
        [3, 10],
      ] as const),
      fatherLast,
    );

    const addressA = this.address(rng.chance(0.85));
    const mother = this.adult('F', this.lastName(), { address: addressA, landline: '', relationship: 'mother' });
    mother.receivesInvoices = true;
    const guardiansA = [mother];
    if (rng.chance(0.35))
      guardiansA.push(this.adult('M', this.lastName(), { address: addressA, landline: '', relationship: 'other' }));
    const notes = rng.chance(0.6) ? 'Garde alternée une semaine sur deux.' : '';
    this.household(guardiansA, kids, notes);

    const addressB = this.address(rng.chance(0.5));
    const father = this.adult('M', fatherLast, { address: addressB, landline: '', relationship: 'father' });
    father.receivesInvoices = true;
    const guardiansB = [father];
    let halfSiblings: ChildArgs[] = [];
    if (rng.chance(0.4)) {
      const partner = this.adult('F', this.lastName(), { address: addressB, landline: '', relationship: 'other' });
      guardiansB.push(partner);
      if (rng.chance(0.35)) halfSiblings = this.children(1, fatherLast, 2020);
    }
    const householdB = this.household(guardiansB, halfSiblings, notes);
    for (const child of halfSiblings) {
      this.command(childSetRelationship, {
        childId: child.childId,
        guardianId: guardiansB[1]!.guardianId,
        relationship: 'mother',
      });
    }
    for (const child of kids) {
      this.command(childLink, { householdId: householdB, childId: child.childId });
      this.command(childSetRelationship, { childId: child.childId, guardianId: father.guardianId, relationship: 'father' });
      const demoChild = this.childById.get(child.childId)!;
      demoChild.householdIds.push(householdB);
      demoChild.alternateWeeks = notes !== '';
    }
    this.contactsFor(kids, [mother.lastName, fatherLast]);
    this.contactsFor(halfSiblings, [fatherLast]);
  }

  /** Creates the household (with its quotient), counts what it created, returns its id. */
  private household(guardians: GuardianArgs[], kids: ChildArgs[], notes = ''): string {
    const householdId = this.ids.uuid();
    const ordinal = this.summary.households;
    this.command(householdCreate, { householdId, notes, guardians, children: kids });
    for (const kid of kids) {
      const child: DemoChild = {
        childId: kid.childId,
        level: kid.schoolLevel ?? null,
        householdIds: [householdId],
        resident: guardians[0]!.city === aiffres.commune.name,
        alternateWeeks: false,
      };
      this.demoChildren.push(child);
      this.childById.set(kid.childId, child);
    }
    this.summary.households += 1;
    this.summary.guardians += guardians.length;
    this.summary.children += kids.length;
    this.quotient(householdId, this.missingQuotient.has(ordinal));
    return householdId;
  }

  // ── People ─────────────────────────────────────────────────────────────────────────────────────────────

  private adult(
    sex: Sex,
    lastName: string,
    options: {
      address: Address;
      landline: string;
      relationship: GuardianArgs['relationship'];
      birthName?: string;
      elder?: boolean;
    },
  ): GuardianArgs {
    const rng = this.rng;
    const firstName = rng.pick(options.elder ? aiffres.elderFirstNames[sex] : aiffres.adultFirstNames[sex]);
    let mobilePhone = rng.chance(options.elder ? 0.8 : 0.97) ? this.mobile() : '';
    const homePhone = options.landline || (mobilePhone === '' ? this.landline() : '');
    if (mobilePhone === '' && homePhone === '') mobilePhone = this.mobile();
    const employed = !options.elder && rng.chance(0.75);
    const employerName = employed ? rng.pick(aiffres.employers) : '';
    const workPhone = employed && rng.chance(0.3) ? this.landline() : '';
    const employerPhone = employed && rng.chance(0.15) ? this.landline() : '';
    return {
      guardianId: this.ids.uuid(),
      civility: sex === 'F' ? 'Mme' : 'M.',
      firstName,
      lastName,
      birthName: options.birthName && options.birthName !== lastName ? options.birthName : '',
      ...options.address,
      mobilePhone: this.typed(mobilePhone),
      homePhone: this.typed(homePhone),
      workPhone: this.typed(workPhone),
      employerName,
      employerPhone: this.typed(employerPhone),
      email: rng.chance(options.elder ? 0.5 : 0.94) ? this.email(firstName, lastName) : '',
      relationship: options.relationship,
      receivesInvoices: false,
    };
  }

  private childCount(): number {
    return this.rng.weighted([
      [1, 67],
      [2, 27],
      [3, 6],
    ] as const);
  }

  /** Siblings: distinct birth years (twins now and then), each with the level of that year. */
  private children(count: number, lastName: string, bornFrom = 2013): ChildArgs[] {
    const rng = this.rng;
    const years: number[] = [];
    const yearWeights = yearDistribution().filter(([y]) => y >= bornFrom);
    for (let tries = 0; years.length < count && tries < 50; tries++) {
      const year = rng.weighted(yearWeights);
      if (!years.includes(year)) years.push(year);
      else if (rng.chance(0.03)) years.push(year); // twins
    }
    years.sort((a, b) => a - b);
    const familyDiet = rng.weighted([
      ['none', 885],
      ['noPork', 75],
      ['noMeat', 40],
    ] as const);
    const photoConsent = rng.chance(0.85);
    const doctor = rng.chance(0.7) ? rng.pick(aiffres.doctors) : '';
    const doctorPhone = doctor ? this.doctorPhone(doctor) : '';
    const kids: ChildArgs[] = [];
    let twinDate = '';
    for (const [i, year] of years.entries()) {
      const sex: Sex = rng.chance(0.5) ? 'F' : 'M';
      let firstName = rng.pick(aiffres.childFirstNames[sex]);
      while (kids.some((k) => k.firstName === firstName)) firstName = rng.pick(aiffres.childFirstNames[sex]);
      const birthDate = i > 0 && years[i - 1] === year ? twinDate : this.birthDate(year);
      twinDate = birthDate;
      const level = levelOf(year);
      kids.push({
        childId: this.ids.uuid(),
        firstName,
        lastName,
        birthDate,
        sex,
        schoolName: level ? (isMaternelle(level) ? aiffres.schools.maternelle : aiffres.schools.elementaire) : '',
        schoolLevel: level,
        className: level ? rng.pick(aiffres.classesByLevel[level]!) : '',
        diet: familyDiet !== 'none' && rng.chance(0.9) ? familyDiet : 'none',
        photoConsent,
        doctorName: doctor,
        doctorPhone,
        ...this.health(),
      });
    }
    return kids;
  }

  private health(): Partial<Pick<ChildArgs, 'diet' | 'allergies' | 'hasCareplan' | 'careplanNote'>> {
    const rng = this.rng;
    const r = rng.next();
    if (r < 0.008)
      return { diet: 'glutenFree', allergies: aiffres.coeliac.allergies, hasCareplan: true, careplanNote: aiffres.coeliac.note };
    if (r < 0.078) {
      const a = rng.pick(aiffres.allergies);
      return { allergies: a.allergies, hasCareplan: a.careplan, careplanNote: a.note };
    }
    if (r < 0.098) return { hasCareplan: true, careplanNote: rng.pick(aiffres.careplans) };
    return {};
  }

  private birthDate(year: number): string {
    const rng = this.rng;
    // TPS children are two at the rentrée: born before September.
    const month = levelOf(year) === 'TPS' ? rng.int(1, 8) : rng.int(1, 12);
    const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  /** Pick-up persons and emergency contacts, the same people for every child of the household. */
  private contactsFor(kids: ChildArgs[], familyNames: string[]): void {
    if (kids.length === 0) return;
    const rng = this.rng;
    const count = rng.weighted([
      [0, 15],
      [1, 30],
      [2, 35],
      [3, 20],
    ] as const);
    const kinds = rng.shuffle(Object.keys(aiffres.contactLinks) as (keyof typeof aiffres.contactLinks)[]);
    const people: Omit<ContactArgs, 'contactId'>[] = [];
    for (const kind of kinds.slice(0, count)) {
      const female = kind !== 'grandfather' && kind !== 'uncle';
      const elder = kind === 'grandmother' || kind === 'grandfather';
      const sex: Sex = female ? 'F' : 'M';
      const first = rng.pick(elder ? aiffres.elderFirstNames[sex] : aiffres.adultFirstNames[sex]);
      const last = elder || kind === 'aunt' || kind === 'uncle' ? rng.pick(familyNames) : this.lastName();
      const r = rng.next();
      const phone = r < 0.75 ? this.mobile() : r < 0.95 ? this.landline() : '';
      const pickup = rng.chance(0.9) ? 'allowed' : 'none';
      people.push({
        name: `${first} ${last}`,
        phone: this.typed(phone),
        link: aiffres.contactLinks[kind],
        pickup,
        emergencyContact: false,
      });
    }
    // The first one or two reachable people are the emergency contacts.
    let emergency = rng.chance(0.5) ? 2 : 1;
    for (const p of people) {
      if (emergency > 0 && p.phone) {
        p.emergencyContact = true;
        emergency -= 1;
      }
    }
    if (rng.chance(0.015)) {
      const sex: Sex = rng.chance(0.6) ? 'M' : 'F';
      people.push({
        name: `${rng.pick(aiffres.adultFirstNames[sex])} ${this.lastName()}`,
        phone: '',
        link: rng.pick(aiffres.forbiddenLinks),
        pickup: 'forbidden',
        emergencyContact: false,
      });
    }
    if (people.length === 0) return;
    for (const child of kids) {
      this.command(childSetContacts, {
        childId: child.childId,
        contacts: people.map((p) => ({ contactId: this.ids.uuid(), ...p })),
      });
    }
  }

  private quotient(householdId: string, missing: boolean): void {
    const rng = this.rng;
    const organisation = rng.chance(0.11) ? 'MSA' : 'CAF';
    const allowanceNumber = `${rng.int(1, 9)}${rng.digits(6)}`;
    const value = quotientValue(rng);
    const previous = (v: number) =>
      this.command(familyQuotientRecord, {
        householdId,
        quotientId: this.ids.uuid(),
        value: v,
        organisation,
        allowanceNumber,
        validFrom: `${QUOTIENT_YEAR - 1}-01-01`,
        validTo: `${QUOTIENT_YEAR - 1}-12-31`,
      });
    if (missing) {
      // Not provided this year; some of these households still have last year's (expired) one.
      if (rng.chance(0.4)) previous(value);
      return;
    }
    if (rng.chance(0.12)) previous(Math.max(300, Math.round(value * (0.85 + rng.next() * 0.3))));
    this.command(familyQuotientRecord, {
      householdId,
      quotientId: this.ids.uuid(),
      value,
      organisation,
      allowanceNumber,
      validFrom: `${QUOTIENT_YEAR}-01-01`,
      validTo: `${QUOTIENT_YEAR}-12-31`,
    });
  }

  // ── Contact details ────────────────────────────────────────────────────────────────────────────────────

  private lastName(): string {
    return this.rng.pick(aiffres.lastNames);
  }

  private address(inAiffres: boolean): Address {
    const rng = this.rng;
    const number = rng.int(1, 140);
    const addressLine1 = `${number}${rng.chance(0.05) ? ' bis' : ''} ${rng.pick(aiffres.streets)}`;
    const addressLine2 = rng.chance(0.08)
      ? `${rng.pick(aiffres.residences)}${rng.chance(0.5) ? `, appartement ${rng.int(1, 40)}` : ''}`
      : '';
    const town = inAiffres
      ? { city: aiffres.commune.name, postalCode: aiffres.commune.postalCode }
      : rng.pick(aiffres.neighbouringTowns);
    return { addressLine1, addressLine2, postalCode: town.postalCode, city: town.city };
  }

  /** A French mobile number (06 or 07, in ranges that are really allocated to mobiles), never used twice. */
  private mobile(): string {
    for (;;) {
      const digits = this.rng.chance(0.65)
        ? `06${this.rng.pick(['0', '1', '2', '4', '5', '6', '7', '8'])}${this.rng.digits(7)}`
        : `07${this.rng.pick(['5', '6', '7', '8'])}${this.rng.digits(7)}`;
      if (!this.usedPhones.has(digits)) {
        this.usedPhones.add(digits);
        return digits;
      }
    }
  }

  /** A landline of the Niort area (05 49), never used twice. */
  private landline(): string {
    for (;;) {
      const digits = `0549${this.rng.int(1, 9)}${this.rng.digits(5)}`;
      if (!this.usedPhones.has(digits)) {
        this.usedPhones.add(digits);
        return digits;
      }
    }
  }

  private readonly doctorPhones = new Map<string, string>();
  private doctorPhone(doctor: string): string {
    let phone = this.doctorPhones.get(doctor);
    if (!phone) this.doctorPhones.set(doctor, (phone = this.typed(this.landline())));
    return phone;
  }

  /** Phones as people type them: the commands normalise every form to E.164. */
  private typed(digits: string): string {
    if (!digits) return '';
    const pairs = digits.match(/\d\d/g)!;
    const r = this.rng.next();
    if (r < 0.65) return pairs.join(' ');
    if (r < 0.85) return digits;
    if (r < 0.95) return pairs.join('.');
    return `+33 ${digits.slice(1, 2)} ${pairs.slice(1).join(' ')}`;
  }

  /** `Hélène Lefèvre` → `helene.lefevre@orange.fr` (or a variant); unique across the commune. */
  private email(firstName: string, lastName: string): string {
    const rng = this.rng;
    const first = foldText(firstName).replace(/ /g, '-');
    const last = foldText(lastName).replace(/ /g, '');
    const local = rng.weighted<string>([
      [`${first}.${last}`, 50],
      [`${first}${last}`.replace(/-/g, ''), 15],
      [`${first[0]}.${last}`, 10],
      [`${first}.${last}${rng.int(75, 99)}`, 10],
      [`${last}.${first}`, 10],
      [`${first}${rng.int(1, 99)}`, 5],
    ]);
    const domain = rng.weighted(aiffres.emailDomains);
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.usedEmails.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    this.usedEmails.add(candidate);
    return candidate;
  }
}

/** Birth years of the children in the file, weighted: school years TPS–CM2, a few older ones (accueil de loisirs). */
function yearDistribution(): [number, number][] {
  const weights: [number, number][] = [];
  for (let year = SCHOOL_YEAR_START - 13; year <= SCHOOL_YEAR_START - 2; year++) {
    const level = levelOf(year);
    weights.push([year, level === 'TPS' ? 2 : level ? 12 : 1.5]);
  }
  return weights;
}

/** School level in SCHOOL_YEAR_START–(+1) of a child born in `year` (TPS: 2 at the rentrée … CM2: 10). */
function levelOf(year: number): SchoolLevel | null {
  const levels: SchoolLevel[] = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];
  return levels[SCHOOL_YEAR_START - 2 - year] ?? null;
}

function isMaternelle(level: SchoolLevel): boolean {
  return level === 'TPS' || level === 'PS' || level === 'MS' || level === 'GS';
}

/** Quotient between 300 and 2500, bell-shaped and skewed towards the lower brackets (median near 1000). */
function quotientValue(rng: SeededRandom): number {
  const u = (rng.next() + rng.next()) / 2;
  return Math.round(300 + 2200 * u ** 1.6);
}
