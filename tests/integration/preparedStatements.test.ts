// Statements prepared once per connection (src/shared/commands/prepared.ts) keep only the SQL, never the rows:
// bookings made one after another on the same connection see every change of the catalogue made in between
// (a capacity exception, a closure, a raised capacity), and a command rolled back leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultStaffActor, openDeskCore, type DeskCore } from '../../src/main/desk/core';
import { preparedOnce } from '../../src/shared/commands/prepared';

const staff = { actor: defaultStaffActor };
const dirs: string[] = [];
let core: DeskCore;
let now: Date;

const open = () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-prepared-'));
  dirs.push(dir);
  return openDeskCore({
    dataDir: dir,
    // One second between commands: the waiting list's FIFO order is the order of the test.
    clock: () => (now = new Date(now.getTime() + 1000)),
  });
};

beforeEach(() => {
  now = new Date('2026-11-26T09:00:00Z');
  core = open();
});
afterEach(async () => {
  await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const must = async (name: string, args: unknown) => {
  const result = (await core.dispatch(name, args, staff)) as any;
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.value;
};

describe('statements prepared once per connection', () => {
  it('are one set per connection', async () => {
    const other = open();
    try {
      let built = 0;
      const build = () => ({ n: ++built });
      const first = preparedOnce(core.store.db, 'test.key', build);
      expect(preparedOnce(core.store.db, 'test.key', build)).toBe(first);
      expect(preparedOnce(other.store.db, 'test.key', build)).not.toBe(first);
      expect(built).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('read the catalogue as it is now, booking after booking on the same connection', async () => {
    const activityId = randomUUID();
    const unitId = randomUUID();
    const groupId = randomUUID();
    const save = (capacity: number) =>
      must('activity.save', {
        activityId,
        name: 'Accueil de loisirs',
        kind: 'holiday',
        openOn: 'holidays',
        deadlines: { booking: { kind: 'daysBefore', days: 15, time: '10:00', businessDays: false } },
        units: [{ unitId, name: 'Journée' }],
        groups: [{ groupId, name: 'Tous', levels: [], capacities: [capacity] }],
      });
    await save(1);
    const families: { householdId: string; childId: string }[] = [];
    for (const i of [1, 2, 3]) {
      const childId = randomUUID();
      const { householdId } = await must('household.create', {
        guardians: [
          { guardianId: randomUUID(), civility: 'Mme', firstName: 'Parent', lastName: `Famille${i}`, mobilePhone: '0612345678' },
        ],
        children: [{ childId, firstName: `Enfant${i}`, lastName: `Famille${i}`, birthDate: '2018-05-01', schoolLevel: 'CE2' }],
      });
      await must('enrolment.create', {
        childId,
        activityId,
        fromDate: '2026-09-01',
        toDate: '2027-07-03',
        tariffCategory: 'resident',
      });
      families.push({ householdId, childId });
    }
    const book = async (family: number, date: string) => {
      const { householdId, childId } = families[family]!;
      const { items } = await must('booking.book', { householdId, childId, items: [{ unitId, date }] });
      return items[0] as { outcome: string; position?: number; message?: string };
    };

    // Capacity 1: the first is booked, the next ones wait in order.
    expect(await book(0, '2027-02-15')).toMatchObject({ outcome: 'booked' });
    expect(await book(1, '2027-02-15')).toMatchObject({ outcome: 'waitlisted', position: 1 });
    // A capacity raised in between is the one the next booking counts against.
    await save(3);
    expect(await book(2, '2027-02-15')).toMatchObject({ outcome: 'booked' });
    // A day closed for the group by a capacity exception, then a commune closure: refused at once.
    await must('capacity.setException', { unitId, groupId, date: '2027-02-16', capacity: 0, reason: 'Sortie' });
    expect(await book(0, '2027-02-16')).toMatchObject({ outcome: 'refused', message: expect.stringContaining('capacité nulle') });
    await must('closure.add', { date: '2027-02-17', activityId, reason: 'Travaux' });
    expect(await book(0, '2027-02-17')).toMatchObject({ outcome: 'refused', message: expect.stringContaining('fermé') });
    // A command refused as a whole (a child of another household) leaves nothing; the next one runs as usual.
    const refused = (await core.dispatch(
      'booking.book',
      { householdId: families[0]!.householdId, childId: families[1]!.childId, items: [{ unitId, date: '2027-02-18' }] },
      staff,
    )) as { ok: boolean };
    expect(refused.ok).toBe(false);
    expect(await book(1, '2027-02-18')).toMatchObject({ outcome: 'booked' });
  });
});
