// An invoice's state in words and icon (never colour alone): payée, partiellement payée, impayée, en retard.
import { IconAlertTriangle, IconCircleCheck, IconCircleHalf2, IconClock } from '@tabler/icons-react';
import { Pill } from '../reservations/Pill';
import type { InvoiceSummary } from './queries';
import { text } from './text';

export function InvoiceStatusPill({ invoice }: { invoice: Pick<InvoiceSummary, 'status' | 'overdue'> }) {
  if (invoice.status === 'paid')
    return (
      <Pill tone="green" icon={IconCircleCheck}>
        {text.status.paid}
      </Pill>
    );
  const label = invoice.status === 'partiallyPaid' ? text.status.partiallyPaid : text.status.unpaid;
  if (invoice.overdue)
    return (
      <Pill tone="red" icon={IconAlertTriangle}>
        {`${label} · ${text.status.overdue}`}
      </Pill>
    );
  return invoice.status === 'partiallyPaid' ? (
    <Pill tone="orange" icon={IconCircleHalf2}>
      {label}
    </Pill>
  ) : (
    <Pill tone="blue" icon={IconClock}>
      {label}
    </Pill>
  );
}
