/**
 * The confirmation email of an online order, in the customer's language
 * (French unless they chose English): what was ordered, the total to pay on
 * handover, when, and the link to the order page. No card data ever.
 */
import type { OnlineOrderView } from "@ocpizza/schema";

import type { Mail } from "../accounts/mailer.js";

export function confirmationMail(order: OnlineOrderView, orderUrl: string, timeZone: string): Mail {
  const english = order.customer.language === "en";
  const delivery = order.fulfilment === "delivery";
  const locale = english ? "en-GB" : "fr-FR";
  const money = (cents: number) =>
    new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(cents / 100);
  const when = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(order.promisedAt));
  const lines = order.lines.map(
    (l) => `- ${l.quantity} x ${l.name} (${l.size}) ${money(l.totalCents)}`,
  );
  const fee =
    order.deliveryFeeCents > 0
      ? [`${english ? "Delivery" : "Livraison"} ${money(order.deliveryFeeCents)}`]
      : [];

  if (english) {
    return {
      to: order.customer.email,
      subject: `OC Pizza: order ${order.callNumber} received`,
      text: [
        `Hello ${order.customer.name},`,
        "",
        `${order.storeName} has received your order for ${delivery ? "delivery" : "pickup"} ` +
          `(${when}).`,
        ...lines,
        ...fee,
        `Total to pay on handover: ${money(order.totalCents)}`,
        "",
        `Follow, change or cancel it here: ${orderUrl}`,
      ].join("\n"),
    };
  }
  return {
    to: order.customer.email,
    subject: `OC Pizza : commande ${order.callNumber} reçue`,
    text: [
      `Bonjour ${order.customer.name},`,
      "",
      `${order.storeName} a bien reçu votre commande ${delivery ? "en livraison" : "à emporter"} ` +
        `(${when}).`,
      ...lines,
      ...fee,
      `Total à régler à la remise : ${money(order.totalCents)}`,
      "",
      `Suivez, modifiez ou annulez-la ici : ${orderUrl}`,
    ].join("\n"),
  };
}
