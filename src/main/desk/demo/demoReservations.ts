// The reservation side of the demo commune: the school year's activities (accueil périscolaire, restauration
// scolaire, mercredis, accueil de loisirs) with realistic capacities, two commune closures and a reduced-capacity
// outing day, enrolments for most children, and the bookings of the past month (invoiced by the demo's régie:
// see demoRegie.ts), the current month and the next two — some
// Wednesdays full with waitlisted children, cancellations in time, late and for illness, attendance marked on
// past days and a few unbooked presences. Everything is relative to `now` (the core's clock) and to the school
// calendar, so a demo seeded on any date looks alive.
// Pure: the planner only lists commands. It simulates capacity and waitlists exactly as `booking.book` decides
// them (first come, first served), so that it knows which bookings it may cancel or mark, and it tells the
// runner what each command must answer: a different answer is a bug and stops the seeding.
// Past and near days are booked with the staff deadline override « Données de démonstration »: the core runs
// every command at one clock, so booking last week is "late" by construction; the override keeps that visible
// in the audit log instead of pretending the families booked in time.
// Volumes: about 14,000 booked days at 650 households — a canteen used by fewer pupils than in a real commune
// (15–20 % of them, about 40 % of its places): through `booking.book` each booked day costs ~0.7 ms (a dozen
// statements prepared per call), and seeding the demo must stay near ten seconds.
import {
  activitySave,
  capacitySetException,
  closureAdd,
  enrolmentCreate,
  schoolYearSave,
} from '../../../shared/commands/activities';
import { attendanceAddUnbooked, attendanceMark, bookingBook, bookingCancel } from '../../../shared/commands/reservations';
import type { schoolLevels } from '../../../shared/db/schema';
import {
  addDays,
  daysBetween,
  instantMs,
  instantToParisDate,
  monthDays,
  weekday,
  type IsoDate,
  type Weekday,
} from '../../../shared/domain/dates';
import { deadlineFor, deadlineRuleFor, type ActivityDeadlines } from '../../../shared/domain/deadlines';
import {
  generateOpenings,
  schoolYearOf,
  schoolYearSpan,
  type OpeningRule,
  type SchoolCalendar,
  type SchoolYear,
} from '../../../shared/domain/schoolCalendar';
import { SeededRandom } from './seededRandom';

type SchoolLevel = (typeof schoolLevels)[number];
type ActivityKind = 'periscolaire' | 'canteen' | 'wednesday' | 'holiday';

/** The reason staff give for every booking or cancellation the demo makes after the deadline. */
export const DEMO_OVERRIDE_REASON = 'Données de démonstration';

// ── The catalogue, as the commune's children's service configured it (French: shown to staff and parents) ──

interface UnitDef {
  name: string;
  startTime: string;
  endTime: string;
  implies?: number[];
  excludes?: number[];
}
interface GroupDef {
  key: 'maternelle' | 'elementaire' | 'preados';
  name: string;
  levels: SchoolLevel[];
  /** Places per unit (same order as `units`) for a commune of 650 households; scaled with the commune. */
  capacities: number[];
}
interface ActivityDef {
  key: ActivityKind;
  name: string;
  kind: ActivityKind;
  openOn: OpeningRule;
  deadlines: ActivityDeadlines;
  /** School-time activities end with the classes; the accueil de loisirs runs through the summer. */
  schoolTime: boolean;
  units: UnitDef[];
  groups: GroupDef[];
}

const maternelle: SchoolLevel[] = ['TPS', 'PS', 'MS', 'GS'];
const elementaire: SchoolLevel[] = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];

const catalogue: readonly ActivityDef[] = [
  {
    key: 'periscolaire',
    name: 'Accueil périscolaire',
    kind: 'periscolaire',
    openOn: 'schoolDays',
    deadlines: { booking: { kind: 'daysBefore', days: 2, time: '10:00', businessDays: true } },
    schoolTime: true,
    units: [
      { name: 'Matin', startTime: '07:30', endTime: '08:50' },
      { name: 'Soir', startTime: '16:30', endTime: '18:30' },
    ],
    groups: [
      { key: 'maternelle', name: 'Maternelle', levels: maternelle, capacities: [14, 36] },
      { key: 'elementaire', name: 'Élémentaire', levels: elementaire, capacities: [20, 52] },
    ],
  },
  {
    key: 'canteen',
    name: 'Restauration scolaire',
    kind: 'canteen',
    openOn: 'schoolDays',
    deadlines: { booking: { kind: 'weeklyCutoff', weekday: 4, time: '12:00' } },
    schoolTime: true,
    units: [{ name: 'Repas', startTime: '11:45', endTime: '13:30' }],
    groups: [
      { key: 'maternelle', name: 'Maternelle', levels: maternelle, capacities: [120] },
      { key: 'elementaire', name: 'Élémentaire', levels: elementaire, capacities: [260] },
    ],
  },
  {
    key: 'wednesday',
    name: 'Mercredis',
    kind: 'wednesday',
    openOn: 'wednesdays',
    deadlines: { booking: { kind: 'daysBefore', days: 7, time: '12:00', businessDays: false } },
    schoolTime: true,
    units: [
      { name: 'Journée', startTime: '07:30', endTime: '18:30', implies: [2], excludes: [1, 3] },
      { name: 'Matin', startTime: '07:30', endTime: '12:00' },
      { name: 'Repas', startTime: '12:00', endTime: '13:30' },
      { name: 'Après-midi', startTime: '13:30', endTime: '18:30' },
    ],
    groups: [
      { key: 'maternelle', name: 'Maternelle', levels: maternelle, capacities: [24, 8, 40, 8] },
      { key: 'elementaire', name: 'Élémentaire', levels: elementaire, capacities: [36, 12, 60, 12] },
    ],
  },
  {
    key: 'holiday',
    name: 'Accueil de loisirs',
    kind: 'holiday',
    openOn: 'holidays',
    deadlines: { booking: { kind: 'daysBefore', days: 15, time: '12:00', businessDays: false } },
    schoolTime: false,
    units: [
      { name: 'Journée', startTime: '07:30', endTime: '18:30', excludes: [1, 2] },
      { name: 'Demi-journée matin', startTime: '07:30', endTime: '13:30' },
      { name: 'Demi-journée après-midi', startTime: '11:45', endTime: '18:30' },
    ],
    groups: [
      { key: 'maternelle', name: 'Maternelle', levels: maternelle, capacities: [40, 10, 10] },
      { key: 'elementaire', name: 'Élémentaire', levels: elementaire, capacities: [60, 14, 14] },
      // Collégiens: no school level in the file, enrolled in this group explicitly.
      { key: 'preados', name: 'Préados (11-13 ans)', levels: [], capacities: [12, 4, 4] },
    ],
  },
];

const closureReasons = {
  teamTraining: "Journée pédagogique de l'équipe d'animation",
  strike: 'Grève des agents communaux : accueil et restauration fermés',
};
const outingReason = 'Sortie au Zoodyssée : un seul car';

// ── Inputs and outputs ───────────────────────────────────────────────────────────────────────────────────

/** A child of the family file, as the reservation planner needs it. */
export interface DemoChild {
  childId: string;
  level: SchoolLevel | null;
  /** The households the child belongs to; the first one is where the child lives. */
  householdIds: string[];
  /** Lives in the commune (resident tariff). */
  resident: boolean;
  /** Garde alternée: weeks alternate between the two households, and so does who books (and pays). */
  alternateWeeks: boolean;
}

export interface PlannedActivity {
  key: ActivityKind;
  activityId: string;
  name: string;
  openOn: OpeningRule;
  deadlines: ActivityDeadlines;
  unitIds: string[];
  groupIds: Record<string, string>;
  /** `${unitId}|${groupId}` → places. */
  capacities: Map<string, number>;
}

/** Which days a child comes to an activity: the shape that both the demo and the benchmarks expand. */
export interface DemoPattern {
  child: DemoChild;
  activity: PlannedActivity;
  groupId: string;
  /** Enrolment periods (one per school year). */
  periods: { from: IsoDate; to: IsoDate }[];
  /** Units booked by ISO weekday; a weekday absent is never booked. */
  days: Partial<Record<Weekday, number[]>>;
  /** Chance that the child comes on an open day that matches (1: a regular). */
  rate: number;
  /** When set, the units of a day are drawn from these instead of `days` (accueil de loisirs). */
  variants?: [number[], number][];
}

export interface DemoReservationSummary {
  activities: number;
  enrolments: number;
  bookingItems: number;
  waitlisted: number;
  /** (unit, group, day) whose places were all taken at some point. */
  fullSlots: number;
  slotsWithWaitlist: number;
  cancellations: number;
  attendanceMarks: number;
  unbookedPresences: number;
}

export interface DemoReservationPlan {
  today: IsoDate;
  /** The booked window: HISTORY_MONTHS past months, the current month and the next two (one more past month early in a month). */
  window: { from: IsoDate; to: IsoDate };
  /** The calendar the commune uses (the stored one, completed when it does not cover today). */
  calendar: SchoolCalendar;
  activities: PlannedActivity[];
  closures: { date: IsoDate; activityId: string | null }[];
  /** `${unitId}|${groupId}|${date}` → places that day. */
  capacityExceptions: Map<string, number>;
  patterns: DemoPattern[];
  summary: DemoReservationSummary;
}

export interface ReservationCommand {
  name: string;
  args: unknown;
  /** What the command must answer, item by item (a different answer is a bug of the demo or of the core). */
  expect?: { outcomes: string[]; cancelReasons?: (string | undefined)[] };
}

export interface ReservationPlanInput {
  seed: number;
  families: number;
  children: readonly DemoChild[];
  now: string;
  calendar: SchoolCalendar;
  /** false: activities, closures and enrolments only (the benchmarks add a whole year of bookings). */
  bookings: boolean;
}

// ── The planner ─────────────────────────────────────────────────────────────────────────────────────────

type SimStatus = 'booked' | 'waitlisted' | 'cancelled';
interface SimBooking {
  id: string;
  childId: string;
  householdId: string;
  activity: PlannedActivity;
  unitIndex: number;
  groupId: string;
  date: IsoDate;
  status: SimStatus;
  /** Rows written along (a journée's repas), which follow this one. */
  implied: SimBooking[];
  /** Booked directly (not implied by another unit). */
  main: boolean;
  /** Its slot saw a promotion: who exactly got the place depends on request instants; leave these alone. */
  uncertain: boolean;
}
interface Slot {
  accepted: number;
  waitlist: SimBooking[];
}

const CHANCE_TO_SKIP_A_DAY = 0.04;
/** Whole months booked (and attended) before the current one: the régie invoices them (see demoRegie.ts). */
export const HISTORY_MONTHS = 1;
/** Safety margin around deadlines: the real clock moves while the demo is seeded. */
const MARGIN_MS = 3600_000;

export function planReservations(input: ReservationPlanInput): { commands: ReservationCommand[]; plan: DemoReservationPlan } {
  const planner = new ReservationPlanner(input);
  planner.plan();
  return { commands: planner.commands, plan: planner.result() };
}

class ReservationPlanner {
  readonly commands: ReservationCommand[] = [];
  private readonly rng: SeededRandom;
  private readonly ids: SeededRandom;
  private readonly today: IsoDate;
  private readonly nowMs: number;
  private calendar: SchoolCalendar;
  private window = { from: '', to: '' };
  private readonly activities: PlannedActivity[] = [];
  private readonly closures: { date: IsoDate; activityId: string | null }[] = [];
  private readonly exceptions = new Map<string, number>();
  private readonly patterns: DemoPattern[] = [];
  private readonly openCache = new Map<string, IsoDate[]>();
  private readonly slots = new Map<string, Slot>();
  /** `${childId}|${activityId}|${date}` → the child's bookings that day. */
  private readonly days = new Map<string, SimBooking[]>();
  private readonly bookings: SimBooking[] = [];
  private readonly summary: DemoReservationSummary = {
    activities: 0,
    enrolments: 0,
    bookingItems: 0,
    waitlisted: 0,
    fullSlots: 0,
    slotsWithWaitlist: 0,
    cancellations: 0,
    attendanceMarks: 0,
    unbookedPresences: 0,
  };

  constructor(private readonly input: ReservationPlanInput) {
    this.rng = new SeededRandom(Math.imul(input.seed ^ 0x2545f491, 0x85ebca6b));
    this.ids = new SeededRandom(Math.imul(input.seed ^ 0x68e31da4, 0xc2b2ae35));
    this.today = instantToParisDate(input.now);
    this.nowMs = instantMs(input.now);
    this.calendar = input.calendar;
  }

  result(): DemoReservationPlan {
    return {
      today: this.today,
      window: this.window,
      calendar: this.calendar,
      activities: this.activities,
      closures: this.closures,
      capacityExceptions: this.exceptions,
      patterns: this.patterns,
      summary: this.summary,
    };
  }

  plan(): void {
    const month = this.today.slice(0, 7);
    const lastMonth = monthDays(addMonths(month, 2));
    this.completeCalendar([`${addMonths(month, -HISTORY_MONTHS - 1)}-01`, this.today, lastMonth[lastMonth.length - 1]!]);
    this.chooseWindow();
    this.saveActivities();
    this.planClosures();
    this.enrol();
    if (!this.input.bookings) return;
    this.bookPatterns();
    this.fillSomeWednesdays();
    this.cancelSome();
    this.markAttendance();
    this.addUnbookedPresences();
    for (const slot of this.slots.values()) if (slot.waitlist.length > 0) this.summary.slotsWithWaitlist++;
  }

  // ── Calendar and window ──────────────────────────────────────────────────────────────────────────────

  /**
   * The shipped calendar covers a few school years. A demo seeded on a later (or earlier) date gets the nearest
   * known year repeated, 52 weeks at a time so that holidays still start on Saturdays, marked as drafts (the
   * screens then warn that the dates are unconfirmed), and saved as the commune's calendar.
   */
  private completeCalendar(dates: IsoDate[]): void {
    const years = [...this.calendar.years].sort((a, b) => (a.rentree < b.rentree ? -1 : 1));
    if (years.length === 0 || dates.every((d) => schoolYearOf(d, this.calendar))) return;
    const first = years[0]!;
    const last = years[years.length - 1]!;
    for (const date of dates) {
      const forward = date > last.rentree;
      for (let k = 1; k <= 60 && !schoolYearOf(date, { years }); k++) {
        const shifted = shiftSchoolYear(forward ? last : first, forward ? k : -k);
        if (years.some((y) => y.schoolYear === shifted.schoolYear)) continue;
        if (forward) years.push(shifted);
        else years.unshift(shifted);
      }
    }
    // A summer with no known end runs to the next rentrée.
    for (let i = 0; i + 1 < years.length; i++) {
      const year = years[i]!;
      years[i] = {
        ...year,
        holidays: year.holidays.map((h) =>
          h.from !== null && h.to === null && h.from > year.rentree ? { ...h, to: years[i + 1]!.rentree } : h,
        ),
      };
    }
    this.calendar = { years };
    for (const year of years) {
      this.command(schoolYearSave, { schoolYear: year.schoolYear, rentree: year.rentree, holidays: year.holidays });
    }
  }

  private chooseWindow(): void {
    const month = this.today.slice(0, 7);
    let from = `${addMonths(month, -HISTORY_MONTHS)}-01`;
    const pastSchoolDays = generateOpenings({ from: `${month}-01`, to: this.today, calendar: this.calendar, rule: 'schoolDays' }).filter(
      (d) => d < this.today,
    ).length;
    // Early in a month there is little to mark: start one month earlier.
    if (pastSchoolDays < 5) from = `${addMonths(month, -HISTORY_MONTHS - 1)}-01`;
    const lastMonth = monthDays(addMonths(month, 2));
    this.window = { from, to: lastMonth[lastMonth.length - 1]! };
  }

  private scale(base: number): number {
    return Math.max(1, Math.round((base * this.input.families) / 650));
  }

  private openDates(activity: PlannedActivity): IsoDate[] {
    let dates = this.openCache.get(activity.activityId);
    if (!dates) {
      const closed = this.closures
        .filter((c) => c.activityId === null || c.activityId === activity.activityId)
        .map((c) => c.date);
      dates = generateOpenings({ ...this.window, calendar: this.calendar, rule: activity.openOn, closures: closed });
      this.openCache.set(activity.activityId, dates);
    }
    return dates;
  }

  // ── Catalogue ────────────────────────────────────────────────────────────────────────────────────────

  private saveActivities(): void {
    catalogue.forEach((def, position) => {
      const activityId = this.ids.uuid();
      const unitIds = def.units.map(() => this.ids.uuid());
      const groupIds = Object.fromEntries(def.groups.map((g) => [g.key, this.ids.uuid()]));
      const capacities = new Map<string, number>();
      const groups = def.groups.map((g) => {
        const scaled = g.capacities.map((c) => this.scale(c));
        scaled.forEach((c, i) => capacities.set(`${unitIds[i]}|${groupIds[g.key]}`, c));
        return { groupId: groupIds[g.key]!, name: g.name, levels: g.levels, capacities: scaled };
      });
      this.command(activitySave, {
        activityId,
        name: def.name,
        kind: def.kind,
        openOn: def.openOn,
        deadlines: def.deadlines,
        position,
        units: def.units.map((u, i) => ({
          unitId: unitIds[i]!,
          name: u.name,
          startTime: u.startTime,
          endTime: u.endTime,
          implies: u.implies ?? [],
          excludes: u.excludes ?? [],
        })),
        groups,
      });
      this.activities.push({
        key: def.key,
        activityId,
        name: def.name,
        openOn: def.openOn,
        deadlines: def.deadlines,
        unitIds,
        groupIds,
        capacities,
      });
      this.summary.activities++;
    });
  }

  private activity(key: ActivityKind): PlannedActivity {
    return this.activities.find((a) => a.key === key)!;
  }

  /**
   * A pedagogical day that closes the mercredis (a coming Wednesday), a strike that closed everything (a past
   * school day when there is one), and an outing that leaves fewer places on a coming Wednesday.
   */
  private planClosures(): void {
    const wednesday = this.activity('wednesday');
    const wednesdays = this.openDates(wednesday);
    const future = wednesdays.filter((d) => daysBetween(this.today, d) >= 14);
    const training = future[1] ?? future[0] ?? wednesdays[wednesdays.length - 1];
    const schoolDays = this.openDates(this.activity('canteen'));
    const past = schoolDays.filter((d) => d < this.today && weekday(d) !== 3);
    const strike = past.length > 3 ? past[past.length - 3] : schoolDays.find((d) => d > this.today);
    if (training) this.closure(training, wednesday.activityId, closureReasons.teamTraining);
    if (strike) this.closure(strike, null, closureReasons.strike);
    this.openCache.clear();
    const outing = this.openDates(wednesday).find((d) => daysBetween(this.today, d) >= 8 && d !== training);
    if (outing) {
      const unitId = wednesday.unitIds[0]!;
      const groupId = wednesday.groupIds.elementaire!;
      const capacity = Math.max(1, Math.round((wednesday.capacities.get(`${unitId}|${groupId}`)! * 2) / 3));
      this.exceptions.set(`${unitId}|${groupId}|${outing}`, capacity);
      this.command(capacitySetException, { unitId, groupId, date: outing, capacity, reason: outingReason });
    }
  }

  private closure(date: IsoDate, activityId: string | null, reason: string): void {
    this.closures.push({ date, activityId });
    this.command(closureAdd, { closureId: this.ids.uuid(), date, activityId, reason });
  }

  // ── Enrolments and habits ────────────────────────────────────────────────────────────────────────────

  private enrol(): void {
    const years = this.calendar.years.filter((y) => {
      const span = schoolYearSpan(y, this.calendar);
      return span.from <= this.window.to && this.window.from <= span.to;
    });
    const rng = this.rng;
    for (const child of this.input.children) {
      const level = child.level;
      const group = level === null ? 'preados' : maternelle.includes(level) ? 'maternelle' : 'elementaire';
      const inSchool = level !== null;
      const plans: [ActivityKind, Omit<DemoPattern, 'child' | 'activity' | 'groupId' | 'periods'>][] = [];
      if (inSchool && rng.chance(group === 'maternelle' ? 0.15 : 0.2))
        plans.push(['canteen', { days: this.weekdays([0]), rate: 1 }]);
      if (inSchool && rng.chance(0.09)) {
        const matin = rng.chance(0.35);
        const soir = !matin || rng.chance(0.6);
        const matinDays = matin ? this.weekdays([0]) : {};
        const soirDays = soir ? this.weekdays([1]) : {};
        const days: Partial<Record<Weekday, number[]>> = {};
        for (const wd of [1, 2, 4, 5] as Weekday[]) {
          const units = [...(matinDays[wd] ?? []), ...(soirDays[wd] ?? [])];
          if (units.length) days[wd] = units;
        }
        plans.push(['periscolaire', { days, rate: 1 }]);
      }
      if (inSchool && rng.chance(0.16)) {
        const units = rng.weighted<number[]>([
          [[0], 70],
          [[1, 2], 15],
          [[3, 2], 15], // the half-day first: the repas is asked with it
        ]);
        plans.push(['wednesday', { days: { 3: units }, rate: rng.chance(0.5) ? 1 : 0.3 }]);
      }
      if (rng.chance(inSchool ? 0.2 : 0.3)) {
        const all = [0, 1, 2].map((u) => [u]);
        plans.push([
          'holiday',
          {
            days: { 1: [0], 2: [0], 3: [0], 4: [0], 5: [0] },
            rate: 0.3 + rng.next() * 0.4,
            variants: [
              [all[0]!, 75],
              [all[1]!, 15],
              [all[2]!, 10],
            ],
          },
        ]);
      }
      for (const [key, habit] of plans) {
        const activity = this.activity(key);
        const def = catalogue.find((d) => d.key === key)!;
        const groupId = activity.groupIds[group];
        if (!groupId) continue;
        const periods = years.map((y) => enrolmentPeriod(y, this.calendar, def.schoolTime));
        for (const period of periods) {
          this.command(enrolmentCreate, {
            enrolmentId: this.ids.uuid(),
            childId: child.childId,
            activityId: activity.activityId,
            fromDate: period.from,
            toDate: period.to,
            tariffCategory: child.resident ? 'resident' : 'nonResident',
            // Collégiens have no school level: their group is set on the enrolment.
            groupId: group === 'preados' ? groupId : null,
          });
          this.summary.enrolments++;
        }
        this.patterns.push({ child, activity, groupId, periods, ...habit });
      }
    }
  }

  /** School weekdays (Mon, Tue, Thu, Fri) a child comes on: most families every day, some two or three. */
  private weekdays(units: number[]): Partial<Record<Weekday, number[]>> {
    const rng = this.rng;
    const count = rng.weighted([
      [4, 60],
      [3, 20],
      [2, 15],
      [1, 5],
    ] as const);
    const chosen = rng.shuffle([1, 2, 4, 5] as Weekday[]).slice(0, count);
    return Object.fromEntries(chosen.map((wd) => [wd, units]));
  }

  // ── Bookings ─────────────────────────────────────────────────────────────────────────────────────────

  private bookPatterns(): void {
    for (const pattern of this.patterns) {
      const dates = this.openDates(pattern.activity);
      const byHousehold = new Map<string, { unitIndex: number; date: IsoDate }[]>();
      for (const date of dates) {
        for (const unitIndex of unitsOn(pattern, date, this.rng)) {
          const householdId = householdOn(pattern.child, date);
          let items = byHousehold.get(householdId);
          if (!items) byHousehold.set(householdId, (items = []));
          items.push({ unitIndex, date });
        }
      }
      for (const [householdId, items] of byHousehold) {
        for (let i = 0; i < items.length; i += 400) this.book(pattern, householdId, items.slice(i, i + 400));
      }
    }
  }

  /** `booking.book` for one child: simulated item by item in the command's order (by date). */
  private book(pattern: DemoPattern, householdId: string, items: { unitIndex: number; date: IsoDate }[]): void {
    const { activity, child, groupId } = pattern;
    const sorted = [...items].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
    const outcomes: string[] = [];
    const args: { bookingId: string; unitId: string; date: IsoDate }[] = [];
    for (const item of sorted) {
      // A repas on its own comes with a half-day: without the morning (or afternoon) place, the family does not ask.
      if (this.impliedByAnother(activity, item.unitIndex)) {
        const sameDay = this.days.get(`${child.childId}|${activity.activityId}|${item.date}`) ?? [];
        if (!sameDay.some((b) => b.main && b.status === 'booked')) continue;
      }
      const booking = this.simulateBooking(activity, child.childId, householdId, groupId, item.unitIndex, item.date);
      if (!booking) continue;
      outcomes.push(booking.status);
      args.push({ bookingId: booking.id, unitId: activity.unitIds[item.unitIndex]!, date: item.date });
    }
    if (args.length === 0) return;
    const late = sorted.some((item) => this.deadlineMs(activity, 'booking', item.date) <= this.nowMs + MARGIN_MS);
    this.commands.push({
      name: bookingBook.name,
      args: {
        householdId,
        childId: child.childId,
        items: args,
        ...(late ? { deadlineOverrideReason: DEMO_OVERRIDE_REASON } : {}),
      },
      expect: { outcomes },
    });
    this.summary.bookingItems += args.length;
  }

  private simulateBooking(
    activity: PlannedActivity,
    childId: string,
    householdId: string,
    groupId: string,
    unitIndex: number,
    date: IsoDate,
  ): SimBooking | undefined {
    const slot = this.slot(activity.unitIds[unitIndex]!, groupId, date);
    const capacity = this.capacity(activity, unitIndex, groupId, date);
    // decideBooking: booked while the places left outnumber the requests waiting ahead. Which waiting requests
    // are ahead depends on request instants (all equal under a frozen test clock, then ids decide): when some
    // places are left but no more than requests wait (the repas of waitlisted journées), the answer could go
    // either way, and the demo does not ask.
    const placesLeft = Math.max(0, capacity - slot.accepted);
    if (placesLeft > 0 && placesLeft <= slot.waitlist.length) return undefined;
    const status: SimStatus = placesLeft > 0 ? 'booked' : 'waitlisted';
    // Implied units follow the main unit's decision without a capacity check of their own (reported): a journée
    // booked when the repas are all taken would overbook the repas, and the demo does not ask for that either.
    const implies = catalogue.find((d) => d.key === activity.key)!.units[unitIndex]!.implies ?? [];
    const overbooks = implies.some(
      (i) => this.slot(activity.unitIds[i]!, groupId, date).accepted >= this.capacity(activity, i, groupId, date),
    );
    if (status === 'booked' && overbooks) return undefined;
    const id = this.ids.uuid();
    const booking: SimBooking = {
      id,
      childId,
      householdId,
      activity,
      unitIndex,
      groupId,
      date,
      status,
      implied: [],
      main: true,
      uncertain: false,
    };
    for (const impliedIndex of implies) {
      const unitId = activity.unitIds[impliedIndex]!;
      booking.implied.push({ ...booking, id: `${id}:${unitId}`, unitIndex: impliedIndex, implied: [], main: false });
    }
    if (status === 'booked' && slot.accepted + 1 === capacity) this.summary.fullSlots++;
    for (const row of [booking, ...booking.implied]) {
      const rowSlot = this.slot(activity.unitIds[row.unitIndex]!, groupId, date);
      if (status === 'booked') rowSlot.accepted++;
      else rowSlot.waitlist.push(row);
      const key = `${childId}|${activity.activityId}|${date}`;
      this.days.set(key, [...(this.days.get(key) ?? []), row]);
      this.bookings.push(row);
    }
    if (status === 'waitlisted') this.summary.waitlisted++;
    return booking;
  }

  private impliedByAnother(activity: PlannedActivity, unitIndex: number): boolean {
    return catalogue.find((d) => d.key === activity.key)!.units.some((u) => u.implies?.includes(unitIndex));
  }

  private readonly deadlines = new Map<string, number>();
  /** The deadline instant (ms) for a day, memoised: Paris time zone conversions are slow. */
  private deadlineMs(activity: PlannedActivity, action: 'booking' | 'cancellation', date: IsoDate): number {
    const key = `${activity.activityId}|${action}|${date}`;
    let ms = this.deadlines.get(key);
    if (ms === undefined)
      this.deadlines.set(key, (ms = instantMs(deadlineFor(deadlineRuleFor(activity.deadlines, action), date))));
    return ms;
  }

  private slot(unitId: string, groupId: string, date: IsoDate): Slot {
    const key = `${unitId}|${groupId}|${date}`;
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { accepted: 0, waitlist: [] }));
    return slot;
  }

  private capacity(activity: PlannedActivity, unitIndex: number, groupId: string, date: IsoDate): number {
    const unitId = activity.unitIds[unitIndex]!;
    return this.exceptions.get(`${unitId}|${groupId}|${date}`) ?? activity.capacities.get(`${unitId}|${groupId}`) ?? Infinity;
  }

  /**
   * Popular Wednesdays: in each group, the busiest past and coming Wednesdays get requests from other enrolled
   * children until the journée is full and a few wait — whatever the size of the commune.
   */
  private fillSomeWednesdays(): void {
    const activity = this.activity('wednesday');
    const dates = this.openDates(activity);
    const journee = activity.unitIds[0]!;
    for (const groupKey of ['maternelle', 'elementaire']) {
      const groupId = activity.groupIds[groupKey]!;
      const enrolled = this.patterns.filter((p) => p.activity === activity && p.groupId === groupId);
      const load = (d: IsoDate) => this.slot(journee, groupId, d).accepted + this.slot(journee, groupId, d).waitlist.length;
      const busiest = (list: IsoDate[]) => [...list].sort((a, b) => load(b) - load(a) || (a < b ? -1 : 1))[0];
      // The coming one far enough ahead that a family can still cancel in time (and free a place for the first
      // waiting child).
      const later = dates.filter((d) => daysBetween(this.today, d) >= 8);
      const chosen = [
        busiest(dates.filter((d) => d < this.today)),
        busiest(later.length ? later : dates.filter((d) => d > this.today)),
      ];
      for (const date of chosen) {
        if (!date) continue;
        const slot = this.slot(journee, groupId, date);
        const capacity = this.capacity(activity, 0, groupId, date);
        for (const pattern of this.rng.shuffle([...enrolled])) {
          if (slot.accepted >= capacity && slot.waitlist.length >= 3) break;
          if (!isEnrolled(pattern, date) || this.days.has(`${pattern.child.childId}|${activity.activityId}|${date}`)) continue;
          this.book(pattern, householdOn(pattern.child, date), [{ unitIndex: 0, date }]);
        }
      }
    }
  }

  // ── Cancellations ────────────────────────────────────────────────────────────────────────────────────

  /**
   * Cancellations, as families make them: in time for coming days (one of them on a full Wednesday, which
   * promotes the first waiting child), late for today and the next days (billed), and for illness on past days.
   */
  private cancelSome(): void {
    const candidates = this.bookings.filter((b) => b.main && b.status === 'booked' && !b.uncertain);
    const deadlineMs = (b: SimBooking) => this.deadlineMs(b.activity, 'cancellation', b.date);
    const quiet = (b: SimBooking) =>
      [b, ...b.implied].every((r) => this.slot(b.activity.unitIds[r.unitIndex]!, b.groupId, b.date).waitlist.length === 0);
    const inTime = candidates.filter((b) => deadlineMs(b) > this.nowMs + 24 * MARGIN_MS);
    const late = candidates.filter((b) => b.date >= this.today && deadlineMs(b) < this.nowMs - MARGIN_MS && quiet(b));
    const sick = candidates.filter((b) => b.date < this.today && quiet(b));

    // One in-time cancellation on a full Wednesday with children waiting: the first of them gets the place.
    const promoting = inTime.find(
      (b) =>
        b.activity.key === 'wednesday' &&
        b.unitIndex === 0 &&
        this.slot(b.activity.unitIds[0]!, b.groupId, b.date).waitlist.length > 0,
    );
    if (promoting) this.cancel([promoting], 'inTime');
    this.cancelShare(inTime, 0.015, 'inTime');
    this.cancelShare(late, 0.02, 'late');
    this.cancelShare(sick, 0.012, 'sick');
  }

  /** Cancels about `share` of the candidates, in runs of one to three days of the same child and activity. */
  private cancelShare(candidates: SimBooking[], share: number, reason: 'inTime' | 'late' | 'sick'): void {
    const rng = this.rng;
    const wanted = Math.max(candidates.length > 0 ? 1 : 0, Math.round(candidates.length * share));
    let cancelled = 0;
    for (let tries = 0; cancelled < wanted && tries < wanted * 4; tries++) {
      const first = rng.pick(candidates);
      if (first.status !== 'booked' || first.uncertain) continue;
      const run = candidates
        .filter(
          (b) =>
            b.childId === first.childId &&
            b.activity === first.activity &&
            b.unitIndex === first.unitIndex &&
            b.status === 'booked' &&
            !b.uncertain &&
            b.date >= first.date,
        )
        .slice(0, rng.int(1, 3));
      this.cancel(run, reason);
      cancelled += run.length;
    }
  }

  private cancel(run: SimBooking[], reason: 'inTime' | 'late' | 'sick'): void {
    for (const booking of run) {
      for (const row of [booking, ...booking.implied]) {
        const wasHeld = row.status === 'booked';
        row.status = 'cancelled';
        if (!wasHeld) continue;
        const slot = this.slot(row.activity.unitIds[row.unitIndex]!, row.groupId, row.date);
        slot.accepted--;
        // promoteWaitlisted: the first waiting requests get the places left. Which one exactly depends on request
        // instants (the clock moves while seeding): mark the slot's waiting rows uncertain and leave them alone.
        const capacity = this.capacity(row.activity, row.unitIndex, row.groupId, row.date);
        if (slot.waitlist.length > 0) for (const w of slot.waitlist) w.uncertain = true;
        while (capacity - slot.accepted > 0 && slot.waitlist.length > 0) {
          const promoted = slot.waitlist.shift()!;
          promoted.status = 'booked';
          slot.accepted++;
        }
      }
    }
    this.commands.push({
      name: bookingCancel.name,
      args: { bookingIds: run.map((b) => b.id), reason: reason === 'sick' ? 'sick' : 'standard' },
      expect: { outcomes: run.map(() => 'cancelled'), cancelReasons: run.map(() => reason) },
    });
    this.summary.cancellations += run.length;
  }

  // ── Attendance ───────────────────────────────────────────────────────────────────────────────────────

  /** The attendance sheets of past days, one per activity and day, as staff fill them in. */
  private markAttendance(): void {
    const rng = this.rng;
    const sheets = new Map<string, { bookingId: string; attendance: string }[]>();
    for (const booking of this.bookings) {
      if (!booking.main || booking.date >= this.today || booking.status !== 'booked' || booking.uncertain) continue;
      const attendance = rng.weighted([
        ['present', 940],
        ['absentJustified', 35],
        ['absentUnjustified', 25],
      ] as const);
      const key = `${booking.date}|${booking.activity.activityId}`;
      let sheet = sheets.get(key);
      if (!sheet) sheets.set(key, (sheet = []));
      // Not the implied rows (a journée's repas): their ids (`${bookingId}:${unitId}`, 73 characters) exceed what
      // attendance.mark accepts (64), so staff cannot mark them either — reported; they stay booked.
      sheet.push({ bookingId: booking.id, attendance });
    }
    for (const key of [...sheets.keys()].sort()) {
      const marks = sheets.get(key)!;
      for (let i = 0; i < marks.length; i += 500) this.command(attendanceMark, { marks: marks.slice(i, i + 500) });
      this.summary.attendanceMarks += marks.length;
    }
  }

  /** Présences non réservées: a few children stayed at the accueil du soir without a booking. */
  private addUnbookedPresences(): void {
    const activity = this.activity('periscolaire');
    const soir = 1;
    const past = this.openDates(activity).filter((d) => d < this.today);
    if (past.length === 0) return;
    const enrolled = this.patterns.filter((p) => p.activity === activity);
    const candidates: [DemoPattern, IsoDate][] = [];
    for (const pattern of enrolled) {
      for (const date of past) {
        const key = `${pattern.child.childId}|${activity.activityId}|${date}`;
        if (isEnrolled(pattern, date) && !(this.days.get(key) ?? []).some((b) => b.unitIndex === soir))
          candidates.push([pattern, date]);
      }
    }
    const chosen = this.rng.shuffle(candidates).slice(0, Math.max(1, Math.round(enrolled.length * 0.02)));
    for (const [pattern, date] of chosen) {
      this.command(attendanceAddUnbooked, {
        bookingId: this.ids.uuid(),
        householdId: householdOn(pattern.child, date),
        childId: pattern.child.childId,
        unitId: activity.unitIds[soir]!,
        date,
      });
    }
    const added = chosen.length;
    this.summary.unbookedPresences = added;
  }

  private command(def: { name: string }, args: unknown): void {
    this.commands.push({ name: def.name, args });
  }
}

// ── Shared by the demo and the benchmarks ────────────────────────────────────────────────────────────────

export function isEnrolled(pattern: DemoPattern, date: IsoDate): boolean {
  return pattern.periods.some((p) => p.from <= date && date <= p.to);
}

/** The units a child is booked on for an open day of the activity (none when not coming). */
export function unitsOn(pattern: DemoPattern, date: IsoDate, rng: SeededRandom): number[] {
  if (!isEnrolled(pattern, date)) return [];
  const units = pattern.days[weekday(date)];
  if (!units) return [];
  if (pattern.rate < 1 && !rng.chance(pattern.rate)) return [];
  if (rng.chance(CHANCE_TO_SKIP_A_DAY)) return [];
  return pattern.variants ? rng.weighted(pattern.variants) : units;
}

/** Who books the day: the household the child lives in, or, in garde alternée, the household of that week. */
export function householdOn(child: DemoChild, date: IsoDate): string {
  if (!child.alternateWeeks || child.householdIds.length < 2) return child.householdIds[0]!;
  // ISO weeks counted from Monday 5 January 1970.
  const week = Math.floor(daysBetween('1970-01-05', date) / 7);
  return child.householdIds[week % 2]!;
}

/** The open dates of an activity between two dates, with the commune's closures. */
export function openDatesOf(plan: DemoReservationPlan, activity: PlannedActivity, from: IsoDate, to: IsoDate): IsoDate[] {
  const closed = plan.closures.filter((c) => c.activityId === null || c.activityId === activity.activityId).map((c) => c.date);
  return generateOpenings({ from, to, calendar: plan.calendar, rule: activity.openOn, closures: closed });
}

/** Implied unit indexes of a unit (a journée's repas). */
export function impliedUnitsOf(activity: PlannedActivity, unitIndex: number): number[] {
  return catalogue.find((d) => d.key === activity.key)!.units[unitIndex]!.implies ?? [];
}

/** First and last day of the school year `date` falls in, per the plan's calendar. */
export function schoolYearAround(plan: DemoReservationPlan, date: IsoDate): { from: IsoDate; to: IsoDate } {
  const year = schoolYearOf(date, plan.calendar);
  if (!year) throw new Error(`No school year around ${date}`);
  return schoolYearSpan(year, plan.calendar);
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────────

/** School-time activities run from the rentrée to the last day of classes; the others over the whole span. */
function enrolmentPeriod(year: SchoolYear, calendar: SchoolCalendar, schoolTime: boolean): { from: IsoDate; to: IsoDate } {
  const span = schoolYearSpan(year, calendar);
  if (!schoolTime) return span;
  const summer = year.holidays
    .filter((h) => h.from !== null && h.from > year.rentree)
    .sort((a, b) => (a.from! < b.from! ? 1 : -1))[0];
  const lastDay = summer?.from ? addDays(summer.from, -1) : span.to;
  return { from: span.from, to: lastDay < span.to ? lastDay : span.to };
}

function shiftSchoolYear(year: SchoolYear, years: number): SchoolYear {
  const start = Number(year.schoolYear.slice(0, 4)) + years;
  // 52 weeks a year keeps weekdays; a week more now and then keeps the rentrée at the turn of August/September.
  let shift = 364 * years;
  const target = `${start}-09-01`;
  while (daysBetween(target, addDays(year.rentree, shift)) < -3) shift += 7;
  while (daysBetween(target, addDays(year.rentree, shift)) > 3) shift -= 7;
  const move = (d: IsoDate | null) => (d === null ? null : addDays(d, shift));
  return {
    schoolYear: `${start}-${start + 1}`,
    rentree: addDays(year.rentree, shift),
    holidays: year.holidays.map((h) => ({ name: h.name, from: move(h.from), to: move(h.to), status: 'draft' as const })),
  };
}

export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
