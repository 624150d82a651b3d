/**
 * The words of the counter's online order panel, French first, kept apart
 * from the counter's dictionary like the store finder's (stores/words.ts).
 */
import { fill, type Locale } from "../i18n/format.js";

const fr = {
  "incoming.badge": "Commandes web",
  "incoming.badgeLabel": "{count} commande(s) en ligne à accepter",
  "incoming.title": "Commandes en ligne à accepter",
  "incoming.none": "Aucune commande en ligne en attente.",
  "incoming.pickup": "À emporter",
  "incoming.delivery": "Livraison",
  "incoming.accept": "Accepter",
  "incoming.refuse": "Refuser",
  "incoming.reason": "Raison du refus (le client la lira)",
  "incoming.confirmRefuse": "Refuser la commande",
  "incoming.cancel": "Annuler",
  "incoming.close": "Fermer",
  "incoming.failed": "Le serveur n'a pas répondu : {message}",
  "incoming.offline": "Hors ligne : réessayez quand la connexion revient.",
} as const;

export type IncomingWordKey = keyof typeof fr;

const en: Record<IncomingWordKey, string> = {
  "incoming.badge": "Web orders",
  "incoming.badgeLabel": "{count} online order(s) to accept",
  "incoming.title": "Online orders to accept",
  "incoming.none": "No online order waiting.",
  "incoming.pickup": "Pickup",
  "incoming.delivery": "Delivery",
  "incoming.accept": "Accept",
  "incoming.refuse": "Refuse",
  "incoming.reason": "Why (the customer will read it)",
  "incoming.confirmRefuse": "Refuse the order",
  "incoming.cancel": "Cancel",
  "incoming.close": "Close",
  "incoming.failed": "The server did not answer: {message}",
  "incoming.offline": "Offline: try again when the connection is back.",
};

const WORDS: Record<Locale, Record<IncomingWordKey, string>> = { fr, en };

export type IncomingWords = (
  key: IncomingWordKey,
  values?: Record<string, string | number>,
) => string;

export function incomingWords(locale: Locale): IncomingWords {
  return (key, values) => fill(WORDS[locale][key], values);
}
