// A booking or cancellation rule in plain French, with an example on a real day: "au plus tard 2 jours ouvrés
// avant, avant 10h (du lundi au vendredi, hors jours fériés). Exemple : pour le lundi 7 décembre, avant le
// jeudi 3 décembre à 10h."
import { addDays } from '../../../../../shared/domain/dates';
import { deadlineFor, formatClockTime, formatParisInstant, type DeadlineRule } from '../../../../../shared/domain/deadlines';
import { formatDate, isoWeekday, weekdayName } from '../../format';

export function explainRule(rule: DeadlineRule): string {
  const time = formatClockTime(rule.time);
  if (rule.kind === 'weeklyCutoff')
    return `chaque semaine, au plus tard le ${weekdayName(rule.weekday)} avant ${time}, pour toute la semaine suivante`;
  if (rule.days === 0) return `le jour même, avant ${time}`;
  const days = `${rule.days} jour${rule.days > 1 ? 's' : ''}`;
  return rule.businessDays
    ? `au plus tard ${days} ouvré${rule.days > 1 ? 's' : ''} avant, avant ${time} (jours ouvrés : du lundi au vendredi, hors jours fériés)`
    : `au plus tard ${days} avant, avant ${time}`;
}

/** The example: the next Monday (a week later for weekly rules), and its deadline. */
export function exampleOf(rule: DeadlineRule, today: string, now: string): string {
  const toMonday = (8 - isoWeekday(today)) % 7 || 7;
  const day = addDays(today, toMonday + 7);
  return `Exemple : pour le ${formatDate(day)}, avant le ${formatParisInstant(deadlineFor(rule, day), now)}.`;
}
