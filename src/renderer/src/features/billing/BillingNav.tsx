// The « Facturation » section of the desk's navigation: the month's run, invoices, the régie (payments and
// journal) and tariffs. Only for the régisseur and the administrateur (everyone in set-up mode).
import { NavLink, Text } from '@mantine/core';
import { IconCoinEuro, IconFileInvoice, IconReceipt2, IconSend } from '@tabler/icons-react';
import { paths, type Route } from '../../router';
import { useBillingAccess } from './queries';
import { text } from './text';

const t = text.nav;

export function BillingNav({ route }: { route: Route }) {
  const { access } = useBillingAccess();
  if (!access.billing) return null;
  const links = [
    { href: paths.billingRun(), label: t.run, icon: IconSend, active: route.name === 'billingRun' },
    {
      href: paths.invoices,
      label: t.invoices,
      icon: IconFileInvoice,
      active: route.name === 'invoices' || route.name === 'invoice',
    },
    { href: paths.regie, label: t.regie, icon: IconReceipt2, active: route.name === 'regie' || route.name === 'payment' },
    { href: paths.tariffs, label: t.tariffs, icon: IconCoinEuro, active: route.name === 'tariffs' },
  ];
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4} id="nav-billing">
        {t.section}
      </Text>
      <div role="group" aria-labelledby="nav-billing">
        {links.map((link) => (
          <NavLink
            key={link.href}
            href={link.href}
            label={link.label}
            leftSection={<link.icon size={18} aria-hidden />}
            active={link.active}
            aria-current={link.active ? 'page' : undefined}
            fw={600}
          />
        ))}
      </div>
    </>
  );
}
