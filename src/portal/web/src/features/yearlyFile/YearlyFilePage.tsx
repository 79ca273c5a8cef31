// Dossier annuel: once a school year the family checks its contacts (Mes coordonnées), and for each child the
// people allowed to pick the child up or to be called in an emergency, the fiche sanitaire (diet, allergies,
// PAI, doctor) and the photo consent; then reads the règlement intérieur (latest version) and accepts it. The
// hub records all of it as "modifié par la famille"; the commune validates the file (its state is shown).
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type FormErrors, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { api, ApiError, errorMessage } from '../../api';
import { Link, Loading, LoadError, Page, RequiredNote } from '../../components/Page';
import { formatDate, parisToday } from '../../format';
import { paths } from '../../paths';
import { queryClient } from '../../queryClient';
import { useSpace } from '../../session';
import type { Contact, FileChild, FileContact, YearlyFile } from '../../types';
import { StateBadge } from '../documents/StateBadge';
import { dietLabels, fileStatusLabels, pickupLabels } from '../enrolment/labels';
import { chosenYear, fetchYearlyFile, fileKey } from './yearlyFile';


interface ContactRow extends FileContact {
  key: number;
}
interface ChildFields extends Omit<FileChild, 'contacts' | 'photoConsent'> {
  /** '' until the parent answers: consent is never assumed. */
  photoConsent: 'yes' | 'no' | '';
  contacts: ContactRow[];
}
interface Fields {
  children: ChildFields[];
  rulesAccepted: boolean;
}

let rowKey = 0;
const emptyContact = (): ContactRow => ({ key: ++rowKey, name: '', phone: '', link: '', pickup: 'allowed', emergencyContact: true });

function ContactSummary() {
  const contact = useQuery({ queryKey: ['contact'], queryFn: () => api<Contact>('GET', '/api/parent/contact'), staleTime: 60_000 });
  if (contact.isPending) return <Loading />;
  if (contact.isError) return <LoadError error={contact.error} onRetry={() => void contact.refetch()} />;
  const c = contact.data;
  const phones = [c.mobilePhone, c.homePhone, c.workPhone].filter(Boolean).join(' · ');
  return (
    <Stack gap={4}>
      <Text size="sm">{[c.addressLine1, c.addressLine2, `${c.postalCode} ${c.city}`.trim()].filter(Boolean).join(', ') || 'Adresse non renseignée'}</Text>
      <Text size="sm">Téléphone : {phones || 'non renseigné'}</Text>
      <Text size="sm">E-mail : {c.email || 'non renseigné'}</Text>
      <Link to={paths.contact} size="sm">
        Modifier mes coordonnées
      </Link>
    </Stack>
  );
}

function ChildSection({ form, index }: { form: UseFormReturnType<Fields, Fields, (values: Fields) => FormErrors>; index: number }) {
  const child = form.values.children[index]!;
  const base = `children.${index}`;
  const input = (name: string) => ({ ...form.getInputProps(`${base}.${name}`), name: `${base}.${name}` });
  return (
    <Card component="section" withBorder radius="md" padding="md" aria-labelledby={`enfant-${child.childId}`}>
      <Title order={2} size="h4" id={`enfant-${child.childId}`} mb="sm">
        {child.firstName} {child.lastName}
      </Title>
      <Stack gap="lg">
        <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={3} size="h5" component="legend" mb="xs">
            Personnes autorisées et contacts d’urgence
          </Title>
          <Text size="sm">Les personnes, en dehors de vous, qui peuvent venir chercher {child.firstName} ou être appelées en cas d’urgence.</Text>
          {child.contacts.length === 0 && <Text size="sm">Aucune personne indiquée.</Text>}
          {child.contacts.map((contact, c) => {
            const n = c + 1;
            return (
              <Card key={contact.key} withBorder radius="sm" padding="sm" bg="gray.0">
                <Stack gap="xs">
                  <Text fw={600} size="sm">
                    Personne {n}
                  </Text>
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                    <TextInput label="Nom et prénom" required {...input(`contacts.${c}.name`)} />
                    <TextInput label="Téléphone" type="tel" autoComplete="off" {...input(`contacts.${c}.phone`)} />
                  </SimpleGrid>
                  <TextInput label="Lien avec l’enfant" description="Grand-mère, voisin, nourrice…" {...input(`contacts.${c}.link`)} />
                  <NativeSelect
                    label="Sortie de l’enfant"
                    data={Object.entries(pickupLabels).map(([value, label]) => ({ value, label }))}
                    {...input(`contacts.${c}.pickup`)}
                  />
                  <Checkbox
                    label="À appeler en cas d’urgence"
                    {...form.getInputProps(`${base}.contacts.${c}.emergencyContact`, { type: 'checkbox' })}
                  />
                  <Group>
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={() => form.removeListItem(`${base}.contacts`, c)}
                    >
                      Retirer la personne {n}
                      {contact.name.trim() ? ` (${contact.name.trim()})` : ''}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            );
          })}
          <Group>
            <Button
              variant="light"
              size="sm"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem(`${base}.contacts`, emptyContact())}
            >
              Ajouter une personne pour {child.firstName}
            </Button>
          </Group>
        </Stack>

        <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={3} size="h5" component="legend" mb="xs">
            Fiche sanitaire
          </Title>
          <NativeSelect
            label="Régime alimentaire"
            data={Object.entries(dietLabels).map(([value, label]) => ({ value, label }))}
            {...input('diet')}
          />
          <Textarea label="Allergies" description="Aliments, médicaments… Laissez vide s’il n’y en a pas." autosize minRows={2} {...input('allergies')} />
          <Checkbox
            label="Projet d’accueil individualisé (PAI)"
            description="Un PAI est signé avec l’école et le médecin scolaire."
            {...form.getInputProps(`${base}.hasCareplan`, { type: 'checkbox' })}
          />
          {child.hasCareplan && (
            <Textarea label="Précisions sur le PAI" description="Trousse d’urgence, traitement…" autosize minRows={2} {...input('careplanNote')} />
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <TextInput label="Médecin traitant" {...input('doctorName')} />
            <TextInput label="Téléphone du médecin" type="tel" {...input('doctorPhone')} />
          </SimpleGrid>
        </Stack>

        <Radio.Group
          label={`Droit à l’image de ${child.firstName}`}
          description="Photos prises pendant les activités, publiées dans le journal ou sur le site de la commune."
          required
          {...form.getInputProps(`${base}.photoConsent`)}
          name={`${base}.photoConsent`}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="yes" label="J’autorise la commune à publier des photos" />
            <Radio value="no" label="Je n’autorise pas la publication de photos" />
          </Stack>
        </Radio.Group>
      </Stack>
    </Card>
  );
}

function FileForm({
  householdId,
  file,
  schoolYear,
  filed,
}: {
  householdId: string;
  file: YearlyFile;
  schoolYear: string;
  filed: boolean;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<Fields>({
    mode: 'controlled',
    initialValues: {
      // Already accepted (this version): the box stays ticked.
      rulesAccepted: file.rulesAccepted,
      children: file.children.map((c) => ({
        ...c,
        photoConsent: filed ? (c.photoConsent ? 'yes' : 'no') : '',
        contacts: c.contacts.map((contact) => ({ ...contact, key: ++rowKey })),
      })),
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      values.children.forEach((child, i) => {
        if (!child.photoConsent) errors[`children.${i}.photoConsent`] = 'Indiquez votre choix pour le droit à l’image.';
        child.contacts.forEach((contact, c) => {
          if (!contact.name.trim()) errors[`children.${i}.contacts.${c}.name`] = 'Indiquez le nom de la personne.';
          if (contact.emergencyContact && !contact.phone.trim())
            errors[`children.${i}.contacts.${c}.phone`] = 'Indiquez un téléphone pour un contact d’urgence.';
        });
      });
      if (file.rules && !values.rulesAccepted) errors.rulesAccepted = 'Lisez le règlement intérieur et cochez la case pour l’accepter.';
      return errors;
    },
  });
  const focusFirstError = (errors: Record<string, unknown>) => {
    const first = Object.keys(errors)[0];
    if (first) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus());
  };
  const submit = useMutation({
    mutationFn: (values: Fields) =>
      api('PUT', `/api/parent/households/${householdId}/file`, {
        schoolYear,
        rulesVersionId: file.rules?.id ?? null,
        children: values.children.map((c) => ({
          childId: c.childId,
          diet: c.diet,
          allergies: c.allergies.trim(),
          hasCareplan: c.hasCareplan,
          careplanNote: c.hasCareplan ? c.careplanNote.trim() : '',
          doctorName: c.doctorName.trim(),
          doctorPhone: c.doctorPhone.trim(),
          photoConsent: c.photoConsent === 'yes',
          contacts: c.contacts.map((contact) => ({
            name: contact.name.trim(),
            phone: contact.phone.trim(),
            link: contact.link.trim(),
            pickup: contact.pickup,
            emergencyContact: contact.emergencyContact,
          })),
        })),
      }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Votre dossier annuel est envoyé à la mairie.' });
      void queryClient.invalidateQueries({ queryKey: fileKey(householdId) });
      void queryClient.invalidateQueries({ queryKey: ['dashboard', householdId] });
      window.scrollTo(0, 0);
    },
    onError: (error) => {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) {
        form.setErrors(error.fieldErrors);
        focusFirstError(error.fieldErrors);
      }
    },
  });
  const rulesError = form.errors.rulesAccepted;
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => submit.mutate(values), focusFirstError)}>
      <Stack gap="lg">
        <RequiredNote />
        {form.values.children.map((child, index) => (
          <ChildSection key={child.childId} form={form} index={index} />
        ))}
        {file.rules ? (
          <Card component="section" withBorder radius="md" padding="md" aria-labelledby="reglement">
            <Title order={2} size="h4" id="reglement" mb="xs">
              Règlement intérieur
            </Title>
            <Text size="sm" mb="xs">
              {file.rules.title} — version {file.rules.version}
            </Text>
            <ScrollArea.Autosize
              mah={280}
              type="always"
              offsetScrollbars
              viewportProps={{ tabIndex: 0, 'aria-label': 'Texte du règlement intérieur (zone défilante)', role: 'region' }}
              style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}
            >
              <Text size="sm" p="sm" style={{ whiteSpace: 'pre-line' }}>
                {file.rules.body}
              </Text>
            </ScrollArea.Autosize>
            <Checkbox
              mt="md"
              required
              label={`J’ai lu le règlement intérieur (version ${file.rules.version}) et je l’accepte`}
              name="rulesAccepted"
              {...form.getInputProps('rulesAccepted', { type: 'checkbox' })}
              error={rulesError}
            />
          </Card>
        ) : (
          <Text size="sm">La mairie n’a pas encore publié de règlement intérieur.</Text>
        )}
        {submit.isError && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Votre dossier n’est pas envoyé">
            {errorMessage(submit.error)}
          </Alert>
        )}
        <Button type="submit" size="md" loading={submit.isPending}>
          Envoyer mon dossier annuel
        </Button>
      </Stack>
    </form>
  );
}

export function YearlyFilePage() {
  const { household } = useSpace();
  const file = useQuery({
    queryKey: fileKey(household.id),
    queryFn: () => fetchYearlyFile(household.id),
    // Read once: a refetch must never wipe what the parent is typing.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const data = file.data;
  const year = data ? chosenYear(data, parisToday()) : null;
  const state = year?.state;
  const status = fileStatusLabels[state?.status ?? 'none'];
  return (
    <Page
      title="Dossier annuel"
      intro={year ? `Année scolaire ${year.schoolYear.replace('-', '–')} : à remplir une fois par an, avant la rentrée.` : undefined}
    >
      {file.isPending ? (
        <Loading />
      ) : file.isError ? (
        <LoadError error={file.error} onRetry={() => void file.refetch()} />
      ) : (
        <Stack gap="lg">
          <Group gap="xs">
            <Text fw={600}>État du dossier :</Text>
            <StateBadge label={status.label} color={status.color} />
          </Group>
          {state!.status === 'refused' && state!.reason && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="La mairie demande une correction">
              {state!.reason}
            </Alert>
          )}
          {state!.submittedAt && (
            <Text size="sm">
              Envoyé le {formatDate(parisToday(new Date(state!.submittedAt)), { withYear: true, weekday: false })}. Vous pouvez le
              corriger et l’envoyer à nouveau.
            </Text>
          )}
          <Card component="section" withBorder radius="md" padding="md" aria-labelledby="coordonnees">
            <Title order={2} size="h4" id="coordonnees" mb="xs">
              Vos coordonnées
            </Title>
            <ContactSummary />
          </Card>
          <FileForm
            key={`${year!.schoolYear}-${state!.submittedAt ?? 'new'}`}
            householdId={household.id}
            file={data!}
            schoolYear={year!.schoolYear}
            filed={state!.status !== 'none'}
          />
        </Stack>
      )}
    </Page>
  );
}
