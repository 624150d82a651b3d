import { describe, expect, it } from "vitest";

import { fill } from "../i18n/format.js";
import { fr, type MessageKey } from "../i18n/fr.js";
import { INITIAL_STATUS, type SyncStatus } from "../sync/status.js";
import { badgeConnection, describeProblem, describeRejection } from "./sync-words.js";

const t = (key: MessageKey, values?: Record<string, string | number>) => fill(fr[key], values);
const status = (changes: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_STATUS, ...changes });

describe("what the badge says", () => {
  it.each([
    { navigator: true, changes: {}, shown: "online" },
    { navigator: true, changes: { connection: "online" }, shown: "online" },
    { navigator: false, changes: { connection: "online" }, shown: "offline" },
    { navigator: true, changes: { connection: "offline" }, shown: "offline" },
    { navigator: true, changes: { connection: "unavailable" }, shown: "unavailable" },
    {
      navigator: false,
      changes: { halted: { status: 401, code: "unauthorized", message: "no" } },
      shown: "halted",
    },
  ] as const)(
    "navigator.onLine $navigator, $changes -> $shown",
    ({ navigator, changes, shown }) => {
      expect(badgeConnection(navigator, status(changes))).toBe(shown);
    },
  );

  it("explains a stop in words a clerk can act on", () => {
    expect(describeProblem(t, { status: 401, code: "unauthorized", message: "x" })).toContain(
      "appairer à nouveau",
    );
    expect(describeProblem(t, { status: 503, code: "unavailable", message: "x" })).toContain(
      "Nouvel essai automatique",
    );
    expect(
      describeProblem(t, { status: 400, code: "invalid_message", message: "lines: empty" }),
    ).toBe("Le serveur a refusé l'envoi (invalid_message) : lines: empty");
  });

  it("names a rejection in French, with the server's detail only when asked", () => {
    const rejection = { code: "order_is_ticket", message: "order 1 is a ticket" };
    expect(describeRejection(t, rejection, false)).toBe("commande déjà payée ou remise (ticket)");
    expect(describeRejection(t, rejection)).toBe(
      "commande déjà payée ou remise (ticket) (order 1 is a ticket)",
    );
  });
});
