// Créer mon espace famille: a family not yet known to the commune gives the guardian's identity, contacts and
// address, and its children. The hub e-mails a link (see SignUpVerifyPage); nothing is created before the
// address is confirmed. The hub checks everything again (French messages next to the fields, `fieldErrors`).
import { Alert, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconMailCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { AddressFieldset } from '../../components/AddressFieldset';
import { api, ApiError, errorMessage } from '../../api';
import { Link, Page, RequiredNote } from '../../components/Page';
import { parisToday } from '../../format';
import { paths } from '../../paths';
import type { SchoolLevel, Sex, SignUpForm } from '../../types';
import { schoolLevelLabels, sexLabels } from '../enrolment/labels';

interface ChildRow {
  key: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: Sex | '';
  schoolLevel: SchoolLevel | '';
}

type Fields = Omit<SignUpForm, 'children'> & { children: ChildRow[] };

let rowKey = 0;
const emptyChild = (lastName = ''): ChildRow => ({ key: ++rowKey, firstName: '', lastName, birthDate: '', sex: '', schoolLevel: '' });

const required = (label: string) => (value: string) => (value.trim() ? null : `Indiquez ${label}.`);

function validate(values: Fields): Record<string, string> {
  const errors: Record<string, string> = {};
  const check = (path: string, message: string | null) => {
    if (message) errors[path] = message;
  };
  check('civility', values.civility ? null : 'Choisissez une civilité.');
  check('firstName', required('votre prénom')(values.firstName));
  check('lastName', required('votre nom')(values.lastName));
  check(
    'email',
    !values.email.trim()
      ? 'Indiquez votre adresse e-mail : le lien de confirmation y sera envoyé.'
      : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())
        ? null
        : 'Adresse e-mail invalide. Exemple : nom@exemple.fr',
  );
  check(
    'mobilePhone',
    !values.mobilePhone.trim()
      ? 'Indiquez un téléphone portable : la mairie doit pouvoir vous joindre.'
      : values.mobilePhone.replace(/\D/g, '').length >= 10
        ? null
        : 'Numéro incomplet. Format : 06 12 34 56 78',
  );
  check('addressLine1', required('votre adresse')(values.addressLine1));
  check('postalCode', /^\d{5}$/.test(values.postalCode.trim()) ? null : 'Le code postal comporte 5 chiffres.');
  check('city', required('votre commune')(values.city));
  const today = parisToday();
  values.children.forEach((child, index) => {
    check(`children.${index}.firstName`, required('le prénom de l’enfant')(child.firstName));
    check(`children.${index}.lastName`, required('le nom de l’enfant')(child.lastName));
    check(
      `children.${index}.birthDate`,
      !child.birthDate
        ? 'Indiquez la date de naissance.'
        : child.birthDate > today
          ? 'La date de naissance ne peut pas être dans le futur.'
          : null,
    );
  });
  return errors;
}

function SentPage({ email }: { email: string }) {
  return (
    <Page title="Consultez vos e-mails">
      <Alert color="green" icon={<IconMailCheck aria-hidden />} title="Votre demande est presque terminée" role="status">
        <Stack gap="xs">
          <Text size="sm">
            Nous venons d’envoyer un e-mail à <strong>{email}</strong>. Ouvrez-le et suivez le lien pour confirmer votre
            adresse et choisir votre mot de passe.
          </Text>
          <Text size="sm">Le lien reste valable 14 jours. Pensez à regarder dans les courriers indésirables.</Text>
        </Stack>
      </Alert>
      <Text>
        Votre dossier sera ensuite examiné par la mairie. Vous pourrez déjà compléter votre dossier annuel et déposer vos
        justificatifs.
      </Text>
      <Link to={paths.login}>Revenir à la page de connexion</Link>
    </Page>
  );
}

export function SignUpPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<Fields>({
    mode: 'controlled',
    initialValues: {
      civility: '',
      firstName: '',
      lastName: '',
      email: '',
      mobilePhone: '',
      addressLine1: '',
      addressLine2: '',
      postalCode: '',
      city: '',
      children: [emptyChild()],
    },
    validate,
  });
  const focusFirstError = (errors: Record<string, unknown>) => {
    const first = Object.keys(errors)[0];
    if (first) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus());
  };
  const signUp = useMutation({
    mutationFn: (values: Fields) => {
      const body: SignUpForm = {
        ...values,
        email: values.email.trim(),
        children: values.children.map((c) => ({
          firstName: c.firstName.trim(),
          lastName: c.lastName.trim(),
          birthDate: c.birthDate,
          ...(c.sex ? { sex: c.sex } : {}),
          ...(c.schoolLevel ? { schoolLevel: c.schoolLevel } : {}),
        })),
      };
      return api('POST', '/api/parent/signup', body);
    },
    onSuccess: (_answer, values) => setSentTo(values.email.trim()),
    onError: (error) => {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) {
        form.setErrors(error.fieldErrors);
        focusFirstError(error.fieldErrors);
      }
    },
  });
  if (sentTo) return <SentPage email={sentTo} />;

  const input = (name: string) => ({ ...form.getInputProps(name), name, size: 'md' as const });
  const alreadyKnown = signUp.error instanceof ApiError && signUp.error.status === 409;
  return (
    <Page
      title="Créer mon espace famille"
      intro="Votre famille n’est pas encore connue des services de la mairie ? Présentez-vous ici : la mairie valide ensuite votre dossier."
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit((values) => signUp.mutate(values), focusFirstError)}
      >
        <Stack gap="lg">
          <RequiredNote />
          <Card component="fieldset" withBorder radius="md" padding="md" style={{ margin: 0 }}>
            <Title order={2} size="h4" component="legend" px={4}>
              Vous, responsable de l’enfant
            </Title>
            <Stack gap="sm">
              <NativeSelect
                label="Civilité"
                required
                data={[
                  { value: '', label: 'Choisir…' },
                  { value: 'Mme', label: 'Madame' },
                  { value: 'M.', label: 'Monsieur' },
                ]}
                {...input('civility')}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <TextInput label="Prénom" required autoComplete="given-name" {...input('firstName')} />
                <TextInput label="Nom" required autoComplete="family-name" {...input('lastName')} />
              </SimpleGrid>
              <TextInput
                label="E-mail"
                description="Il servira d’identifiant. Exemple : nom@exemple.fr"
                required
                type="email"
                autoComplete="email"
                autoCapitalize="none"
                spellCheck={false}
                {...input('email')}
              />
              <TextInput
                label="Téléphone portable"
                description={`Format : ${'06\u00a012\u00a034\u00a056\u00a078'}`}
                required
                type="tel"
                autoComplete="mobile tel"
                {...input('mobilePhone')}
              />
            </Stack>
          </Card>
          <AddressFieldset input={input} required />
          <Stack gap="sm" component="section" aria-labelledby="enfants">
            <Title order={2} size="h4" id="enfants">
              Vos enfants
            </Title>
            {form.values.children.map((child, index) => {
              const n = index + 1;
              return (
                <Card key={child.key} component="fieldset" withBorder radius="md" padding="md" style={{ margin: 0 }}>
                  <Title order={3} size="h5" component="legend" px={4}>
                    Enfant {n}
                  </Title>
                  <Stack gap="sm">
                    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                      <TextInput label="Prénom" required {...input(`children.${index}.firstName`)} />
                      <TextInput label="Nom" required {...input(`children.${index}.lastName`)} />
                    </SimpleGrid>
                    <TextInput
                      label="Date de naissance"
                      required
                      type="date"
                      max={parisToday()}
                      {...input(`children.${index}.birthDate`)}
                    />
                    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                      <NativeSelect
                        label="Sexe"
                        data={[
                          { value: '', label: 'Non précisé' },
                          ...Object.entries(sexLabels).map(([value, label]) => ({ value, label })),
                        ]}
                        {...input(`children.${index}.sex`)}
                      />
                      <NativeSelect
                        label="Niveau scolaire"
                        description="À la prochaine rentrée"
                        data={[
                          { value: '', label: 'Pas encore scolarisé(e)' },
                          ...Object.entries(schoolLevelLabels).map(([value, label]) => ({ value, label })),
                        ]}
                        {...input(`children.${index}.schoolLevel`)}
                      />
                    </SimpleGrid>
                    {form.values.children.length > 1 && (
                      <Group>
                        <Button
                          variant="default"
                          leftSection={<IconTrash size={16} aria-hidden />}
                          onClick={() => form.removeListItem('children', index)}
                        >
                          Retirer l’enfant {n}
                          {child.firstName.trim() ? ` (${child.firstName.trim()})` : ''}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Card>
              );
            })}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => form.insertListItem('children', emptyChild(form.values.lastName.trim()))}
              >
                Ajouter un enfant
              </Button>
            </Group>
          </Stack>
          {signUp.isError && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Votre demande n’est pas envoyée">
              <Stack gap={4}>
                <Text size="sm">{errorMessage(signUp.error)}</Text>
                {alreadyKnown && (
                  <Text size="sm">
                    <Link to={paths.login}>Se connecter</Link> ou <Link to={paths.forgotPassword}>recevoir un nouveau mot de passe</Link>.
                  </Text>
                )}
              </Stack>
            </Alert>
          )}
          <Button type="submit" size="md" loading={signUp.isPending}>
            Envoyer ma demande
          </Button>
          <Text size="sm">
            Vous avez déjà un espace famille ? <Link to={paths.login}>Se connecter</Link>
          </Text>
        </Stack>
      </form>
    </Page>
  );
}
