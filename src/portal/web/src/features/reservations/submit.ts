// Sends the parent's confirmed choices to the hub: one booking request per child (the hub decides day by day:
// booked, waiting list, refused with a reason) and one cancellation request. Each choice comes back with its
// outcome in French, for the summary shown after confirming.
import { api, errorMessage } from '../../api';
import { positionText } from '../../format';
import type { CommandAnswer, ItemResult } from '../../types';
import type { Choice } from './cellView';

export interface ChoiceOutcome {
  choice: Choice;
  ok: boolean;
  text: string;
}

function bookingText(item: ItemResult): { ok: boolean; text: string } {
  switch (item.outcome) {
    case 'booked':
      return { ok: true, text: 'réservé' };
    case 'waitlisted':
      return { ok: true, text: `complet : inscrit(e) en liste d’attente, ${positionText(item.position)}` };
    case 'alreadyBooked':
      return { ok: true, text: 'déjà réservé' };
    case 'cancelled':
      return { ok: true, text: 'annulé' };
    default:
      return { ok: false, text: `refusé — ${item.message ?? 'la mairie n’a pas pu enregistrer ce jour.'}` };
  }
}

export async function submitChoices(householdId: string, choices: Choice[]): Promise<ChoiceOutcome[]> {
  const outcomes: ChoiceOutcome[] = [];
  const bookingsByChild = new Map<string, Choice[]>();
  for (const choice of choices.filter((c) => c.kind === 'book' || c.kind === 'waitlist')) {
    bookingsByChild.set(choice.childId, [...(bookingsByChild.get(choice.childId) ?? []), choice]);
  }
  for (const [childId, list] of bookingsByChild) {
    try {
      const answer = await api<CommandAnswer<{ items: ItemResult[] }>>('POST', `/api/parent/households/${householdId}/bookings`, {
        childId,
        items: list.map((c) => ({ unitId: c.unitId, date: c.date })),
      });
      for (const choice of list) {
        const item = answer.value.items.find((i) => i.unitId === choice.unitId && i.date === choice.date);
        outcomes.push({ choice, ...(item ? bookingText(item) : { ok: false, text: 'sans réponse de la mairie' }) });
      }
    } catch (error) {
      for (const choice of list) outcomes.push({ choice, ok: false, text: `refusé — ${errorMessage(error)}` });
    }
  }
  const cancels = choices.filter((c) => (c.kind === 'cancel' || c.kind === 'leaveWaitlist') && c.bookingId);
  if (cancels.length) {
    try {
      const answer = await api<CommandAnswer<{ items: ItemResult[] }>>(
        'POST',
        `/api/parent/households/${householdId}/cancellations`,
        {
          bookingIds: cancels.map((c) => c.bookingId!),
        },
      );
      for (const choice of cancels) {
        const item = answer.value.items.find((i) => i.bookingId === choice.bookingId);
        const done = item ? bookingText(item) : { ok: true, text: 'annulé' };
        outcomes.push({
          choice,
          ...done,
          text: done.ok ? (choice.kind === 'leaveWaitlist' ? 'retiré(e) de la liste d’attente' : 'annulé') : done.text,
        });
      }
    } catch (error) {
      for (const choice of cancels) outcomes.push({ choice, ok: false, text: `refusé — ${errorMessage(error)}` });
    }
  }
  return outcomes;
}
