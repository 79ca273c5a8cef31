// The activation letter for a guardian without e-mail (or who prefers paper): the commune, the guardian's name
// and address (placed for a window envelope), the identifier, the one-time code, the activation address, the
// expiry date and short instructions. Shown on screen in a modal as a preview; printed alone (letter.css: the
// print copy is rendered under <body> and everything else is hidden on paper).
import { Button, Group, Modal, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { createPortal } from 'react-dom';
import type { GuardianView } from '../families/queries';
import type { PortalLetter } from './queries';
import { text } from './text';
import './letter.css';

const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

const clock = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** `1er décembre 2026`, `10 décembre 2026` (Paris calendar). */
export function frenchLongDate(instant: Date | string): string {
  const formatted = longDate.format(new Date(instant));
  return formatted.replace(/^1 /, '1er ');
}

/** `12 h 43` (Paris wall clock, as written in a letter). */
export function frenchTime(instant: Date | string): string {
  return clock.format(new Date(instant)).replace(':', ' h ');
}

interface LetterProps {
  guardian: GuardianView;
  commune: string;
  letter: PortalLetter;
  /** When the letter is made (today). */
  now?: Date;
}

export function LetterContent({ guardian: g, commune, letter, now = new Date() }: LetterProps) {
  const t = text.letter;
  const cityLine = [g.postalCode, g.city].filter(Boolean).join(' ');
  const address = [g.addressLine1, g.addressLine2, cityLine].filter(Boolean);
  return (
    <article className="activation-letter" lang="fr">
      <header className="letter-head">
        <div className="letter-sender">
          <p className="letter-commune">{commune}</p>
          <p>{t.service}</p>
        </div>
        <p className="letter-date">{t.dateLine(frenchLongDate(now))}</p>
      </header>
      <address className="letter-recipient">
        <span className="letter-name">
          {g.civility} {g.firstName} {g.lastName.toUpperCase()}
        </span>
        {address.map((line) => (
          <span key={line}>{line}</span>
        ))}
      </address>
      <p className="letter-subject">{t.subject}</p>
      <p>{t.salutation(g.civility)}</p>
      <p>{t.intro}</p>
      <h2 className="letter-h2">{t.howTitle}</h2>
      <ol className="letter-steps">
        {t.steps(letter.activationUrl).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <section className="letter-credentials" aria-label={t.credentials}>
        <h2 className="letter-h2">{t.credentials}</h2>
        <dl>
          <dt>{t.login}</dt>
          <dd className="letter-mono">{letter.login}</dd>
          <dt>{t.code}</dt>
          <dd className="letter-mono letter-code">{letter.code}</dd>
        </dl>
        <p className="letter-expiry">{t.expires(frenchLongDate(letter.expiresAt), frenchTime(letter.expiresAt))}</p>
      </section>
      <p className="letter-small">{t.safety}</p>
      <p className="letter-small">{t.expired}</p>
      <p>{t.closing}</p>
      <p className="letter-signature">{t.signature}</p>
    </article>
  );
}

interface ActivationLetterModalProps extends Partial<LetterProps> {
  opened: boolean;
  onClose: () => void;
  guardianName: string;
}

export function ActivationLetterModal({ opened, onClose, guardianName, guardian, commune, letter }: ActivationLetterModalProps) {
  const t = text.letter;
  const ready = opened && guardian && letter && commune !== undefined;
  return (
    <Modal opened={opened} onClose={onClose} title={t.modalTitle(guardianName)} size={760}>
      {ready && (
        <>
          <Text size="sm" mb="sm">
            {t.replaces}
          </Text>
          {/* Scrolls on a small screen: focusable so that the keyboard can scroll it too. */}
          <div className="activation-letter-preview" tabIndex={0} role="region" aria-label={t.preview}>
            <LetterContent guardian={guardian} commune={commune} letter={letter} />
          </div>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t.close}
            </Button>
            <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()} data-autofocus>
              {t.print}
            </Button>
          </Group>
          {createPortal(
            <div className="activation-letter-print" aria-hidden>
              <LetterContent guardian={guardian} commune={commune} letter={letter} />
            </div>,
            document.body,
          )}
        </>
      )}
    </Modal>
  );
}
