/**
 * A SIMULATED stand-in for Square's Web Payments SDK (square.js), served by
 * our own server only when Square is simulated (SQUARE_BASE_URL set, never in
 * production). It implements the part we use: Square.payments(appId,
 * locationId).card() -> attach(selector) -> tokenize() -> {status, token}.
 * The "card form" is a labelled choice of Square's documented sandbox tokens;
 * no card number is ever typed or sent.
 */
import { TEST_NONCES } from "./test-values.js";

export const SIMULATED_SDK_PATH = "/simulated/square-web-payments-sdk.js";

export function simulatedSdkScript(): string {
  const tokens = JSON.stringify(Object.keys(TEST_NONCES));
  return `/* SIMULATED Square Web Payments SDK: nothing real is charged. */
(function () {
  var TOKENS = ${tokens};
  function card() {
    var select = null;
    return Promise.resolve({
      attach: function (target) {
        var host = typeof target === "string" ? document.querySelector(target) : target;
        if (!host) return Promise.reject(new Error("card container not found"));
        var label = document.createElement("label");
        label.textContent = "Carte simulée (SIMULATION, aucun vrai paiement) ";
        select = document.createElement("select");
        select.setAttribute("data-testid", "simulated-card");
        TOKENS.forEach(function (token) {
          var option = document.createElement("option");
          option.value = token;
          option.textContent = token;
          select.appendChild(option);
        });
        label.appendChild(select);
        host.appendChild(label);
        return Promise.resolve();
      },
      tokenize: function () {
        if (!select) {
          return Promise.resolve({ status: "Invalid", errors: [{ message: "not attached" }] });
        }
        return Promise.resolve({ status: "OK", token: select.value });
      },
      destroy: function () { return Promise.resolve(true); },
    });
  }
  window.Square = {
    simulated: true,
    payments: function (applicationId, locationId) {
      if (!applicationId || !locationId) {
        throw new Error("applicationId and locationId are required");
      }
      return { card: card };
    },
  };
})();
`;
}
