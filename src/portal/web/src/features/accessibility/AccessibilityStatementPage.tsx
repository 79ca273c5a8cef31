// Déclaration d'accessibilité, following the RGAA 4.1 model: commitment, état de conformité (« partiellement
// conforme » until an audit is made: then its results replace the "Résultats des tests" paragraph), contenus
// non accessibles, établissement de la déclaration, retour d'information, voies de recours (Défenseur des
// droits). Public: it is linked from the footer of every page, signed in or not.
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Page } from '../../components/Page';
import { useCommune } from '../../session';

/** When this statement was written (to update with each audit or significant change). */
const ESTABLISHED_ON = '26 novembre 2026';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack component="section" gap="xs">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export function AccessibilityStatementPage() {
  const commune = useCommune();
  const organisation = commune ? `La commune de ${commune}` : 'La commune';
  return (
    <Page title="Déclaration d’accessibilité">
      <Stack gap="lg" maw={760}>
        <Text>
          {organisation} s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102
          du 11 février 2005.
        </Text>
        <Text>Cette déclaration d’accessibilité s’applique à l’espace famille (portail famille) des services à l’enfance.</Text>

        <Section title="État de conformité">
          <Text>
            L’espace famille est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de
            l’accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.
          </Text>
        </Section>

        <Section title="Résultats des tests">
          <Text>
            Aucun audit de conformité n’a encore été réalisé par un organisme externe. L’état de conformité ci-dessus repose sur
            les vérifications de l’équipe de développement ; il sera mis à jour avec les résultats de l’audit, qui donnera le taux
            de critères respectés.
          </Text>
        </Section>

        <Section title="Contenus non accessibles">
          <Title order={3} size="h4">
            Non-conformités
          </Title>
          <List spacing={4}>
            <List.Item>
              Les factures au format PDF ne sont pas encore balisées pour les lecteurs d’écran. Leur contenu (montants, dates,
              reste à payer) est repris en texte sur la page Factures.
            </List.Item>
            <List.Item>
              La compatibilité avec les lecteurs d’écran (NVDA, JAWS, VoiceOver, TalkBack) n’a pas encore été testée en détail.
            </List.Item>
          </List>
          <Title order={3} size="h4">
            Dérogations pour charge disproportionnée
          </Title>
          <Text>Aucune.</Text>
          <Title order={3} size="h4">
            Contenus non soumis à l’obligation d’accessibilité
          </Title>
          <Text>
            Les pages du prestataire de paiement en ligne, vers lesquelles le bouton « Payer en ligne » vous conduit, ne sont ni
            développées ni contrôlées par la commune.
          </Text>
        </Section>

        <Section title="Établissement de cette déclaration d’accessibilité">
          <Text>Cette déclaration a été établie le {ESTABLISHED_ON}.</Text>
          <Title order={3} size="h4">
            Technologies utilisées pour la réalisation de l’espace famille
          </Title>
          <List spacing={4}>
            <List.Item>HTML5</List.Item>
            <List.Item>CSS</List.Item>
            <List.Item>JavaScript (React)</List.Item>
          </List>
          <Title order={3} size="h4">
            Environnement de test
          </Title>
          <Text>
            Navigateur Chromium sur ordinateur, affichages téléphone (390 × 844 pixels) et ordinateur (1366 × 768 pixels).
          </Text>
          <Title order={3} size="h4">
            Outils pour évaluer l’accessibilité
          </Title>
          <List spacing={4}>
            <List.Item>axe-core (tests automatisés de chaque page)</List.Item>
            <List.Item>Navigation complète au clavier</List.Item>
          </List>
          <Title order={3} size="h4">
            Pages de l’espace famille ayant fait l’objet de la vérification
          </Title>
          <List spacing={4}>
            <List.Item>Connexion et mot de passe oublié</List.Item>
            <List.Item>Activation du compte</List.Item>
            <List.Item>Tableau de bord</List.Item>
            <List.Item>Activités</List.Item>
            <List.Item>Réservations</List.Item>
            <List.Item>Mes coordonnées</List.Item>
            <List.Item>Factures</List.Item>
            <List.Item>Déclaration d’accessibilité</List.Item>
          </List>
        </Section>

        <Section title="Retour d’information et contact">
          <Text>
            Si vous n’arrivez pas à accéder à un contenu ou à un service de l’espace famille, contactez l’accueil de la mairie
            {commune ? ` de ${commune}` : ''} (sur place, par téléphone ou par courrier) : vous serez orienté vers une alternative
            accessible, ou le contenu vous sera transmis sous une autre forme.
          </Text>
        </Section>

        <Section title="Voies de recours">
          <Text>
            Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable de l’espace famille un défaut
            d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services, et vous n’avez pas obtenu de réponse
            satisfaisante.
          </Text>
          <List spacing={4}>
            <List.Item>
              Écrire un message au{' '}
              <Anchor href="https://formulaire.defenseurdesdroits.fr/" rel="noopener noreferrer">
                Défenseur des droits (formulaire en ligne)
              </Anchor>
            </List.Item>
            <List.Item>
              Contacter{' '}
              <Anchor href="https://www.defenseurdesdroits.fr/saisir/delegues" rel="noopener noreferrer">
                le délégué du Défenseur des droits dans votre région
              </Anchor>
            </List.Item>
            <List.Item>
              Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120,
              75342 Paris CEDEX 07
            </List.Item>
          </List>
        </Section>
      </Stack>
    </Page>
  );
}
