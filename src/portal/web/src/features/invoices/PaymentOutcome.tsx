// What happened on the payment provider's page, said on the Factures page the parent comes back to
// (`/factures?paiement=ok|refuse|abandon|attente`, set by the hub's return route from the provider's answer).
// An alert for a refusal (role="alert"), a status message otherwise; the words say it, not only the colour.
import { Alert } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClock, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';

type Outcome = 'ok' | 'refuse' | 'abandon' | 'attente';

const outcomes: Record<Outcome, { color: string; title: string; text: string; alert: boolean; icon: typeof IconInfoCircle }> = {
  ok: {
    color: 'green',
    title: 'Paiement accepté : merci !',
    text: 'Votre paiement a bien été reçu par la régie. La facture est marquée comme payée.',
    alert: false,
    icon: IconCircleCheck,
  },
  refuse: {
    color: 'red',
    title: 'Paiement refusé',
    text: 'Votre banque a refusé le paiement : rien n’a été débité et la facture reste à payer. Vous pouvez réessayer avec une autre carte, ou régler à l’accueil de la mairie.',
    alert: true,
    icon: IconAlertTriangle,
  },
  abandon: {
    color: 'orange',
    title: 'Paiement abandonné',
    text: 'Le paiement n’a pas été effectué : rien n’a été débité et la facture reste à payer. Vous pouvez le reprendre quand vous le souhaitez.',
    alert: false,
    icon: IconInfoCircle,
  },
  attente: {
    color: 'blue',
    title: 'Paiement en cours de confirmation',
    text: 'Votre banque n’a pas encore confirmé le paiement. La facture sera marquée comme payée dès sa confirmation ; ne payez pas une seconde fois.',
    alert: false,
    icon: IconClock,
  },
};

const outcomeOf = (search: string): Outcome | null => {
  const value = new URLSearchParams(search).get('paiement');
  return value && value in outcomes ? (value as Outcome) : null;
};

export function PaymentOutcome() {
  // Read once, when the parent comes back; closing the message forgets it.
  const [outcome, setOutcome] = useState(() => outcomeOf(window.location.search));
  if (!outcome) return null;
  const o = outcomes[outcome];
  return (
    <Alert
      color={o.color}
      title={o.title}
      icon={<o.icon aria-hidden />}
      role={o.alert ? 'alert' : 'status'}
      withCloseButton
      closeButtonLabel="Fermer ce message"
      onClose={() => setOutcome(null)}
    >
      {o.text}
    </Alert>
  );
}
