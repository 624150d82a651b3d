/**
 * The seller's legal identity as a ticket or credit note prints it: company
 * name, registered address, SIRET and VAT number. A line the store has not
 * filled in yet is left out rather than printed empty.
 */
import type { StoreLegalIdentity } from "@ocpizza/schema";

import { useI18n } from "../../i18n/i18n.js";

export function LegalIdentity({ legal }: { legal: StoreLegalIdentity | undefined }) {
  const { t } = useI18n();
  if (!legal) return null;
  const { companyName, address, siret, vatNumber } = legal;
  if (!companyName && !address && !siret && !vatNumber) return null;

  return (
    <footer className="ticket-legal">
      {companyName && <span>{companyName}</span>}
      {address && <span>{address}</span>}
      {siret && <span>{t("ticket.siret", { siret })}</span>}
      {vatNumber && <span>{t("ticket.vatNumber", { number: vatNumber })}</span>}
    </footer>
  );
}
