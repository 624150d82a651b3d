/** The words of the online card payment, French and English. */
const WORDS = {
  fr: {
    title: "Payer maintenant par carte",
    simulated: "SIMULATION : aucun vrai paiement n'est fait.",
    pay: "Payer {amount}",
    paying: "Paiement en cours…",
    paid: "Payé par carte : {amount}. Merci !",
    invalidCard: "Vérifiez les informations de la carte.",
    network: "Le paiement n'a pas pu être envoyé. Vérifiez la connexion et réessayez.",
  },
  en: {
    title: "Pay now by card",
    simulated: "SIMULATED: no real payment is made.",
    pay: "Pay {amount}",
    paying: "Paying…",
    paid: "Paid by card: {amount}. Thank you!",
    invalidCard: "Check the card details.",
    network: "The payment could not be sent. Check the connection and try again.",
  },
};

export function cardWords(locale: string) {
  return locale === "en" ? WORDS.en : WORDS.fr;
}
