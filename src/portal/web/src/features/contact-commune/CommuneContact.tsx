// "Contacter la mairie": the régie's address, phone (a tel: link), e-mail (a mailto: link) and office hours, in
// the footer of every page. Nothing is shown until the régie has given its details.
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { IconClock, IconMail, IconMapPin, IconPhone } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { useCommuneInfo } from './communeInfo';

function Line({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Text size="sm" component="div" style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
      <span aria-hidden style={{ display: 'inline-flex', paddingTop: 2 }}>
        {icon}
      </span>
      <span>{children}</span>
    </Text>
  );
}

export function CommuneContact() {
  const id = useId();
  const { data } = useCommuneInfo();
  const c = data?.contact;
  if (!c || !(c.addressLine1 || c.phone || c.email || c.officeHours)) return null;
  const town = [c.postalCode, c.city].filter(Boolean).join(' ');
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h5" id={id} mb={6}>
        Contacter la mairie
      </Title>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {c.name}
        </Text>
        {(c.addressLine1 || town) && (
          <Line icon={<IconMapPin size={16} />}>
            <address style={{ fontStyle: 'normal' }}>
              {[c.addressLine1, c.addressLine2, town].filter(Boolean).map((line, i) => (
                <span key={i} style={{ display: 'block' }}>
                  {line}
                </span>
              ))}
            </address>
          </Line>
        )}
        {c.phone && (
          <Line icon={<IconPhone size={16} />}>
            Téléphone :{' '}
            {c.phoneHref ? (
              <Anchor href={c.phoneHref} size="sm">
                {c.phone}
              </Anchor>
            ) : (
              c.phone
            )}
          </Line>
        )}
        {c.email && (
          <Line icon={<IconMail size={16} />}>
            E-mail :{' '}
            <Anchor href={`mailto:${c.email}`} size="sm" style={{ wordBreak: 'break-all' }}>
              {c.email}
            </Anchor>
          </Line>
        )}
        {c.officeHours && <Line icon={<IconClock size={16} />}>Accueil : {c.officeHours}</Line>}
      </Stack>
    </section>
  );
}
