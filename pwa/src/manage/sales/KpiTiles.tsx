/**
 * The headline figures of the period, each with its change against the
 * previous period of the same length.
 */
import type { SalesTotals } from "@ocpizza/schema";

import type { MessageKey } from "../../i18n/fr.js";
import { useI18n } from "../../i18n/i18n.js";
import { change } from "./period.js";

type Tile = {
  id: keyof SalesTotals;
  label: MessageKey;
  money: boolean;
};

const TILES: Tile[] = [
  { id: "revenueCents", label: "sales.kpi.revenue", money: true },
  { id: "revenueExVatCents", label: "sales.kpi.revenueExVat", money: true },
  { id: "orders", label: "sales.kpi.orders", money: false },
  { id: "averageTicketCents", label: "sales.kpi.averageTicket", money: true },
  { id: "items", label: "sales.kpi.items", money: false },
  { id: "creditNotesCents", label: "sales.kpi.creditNotes", money: true },
];

export function KpiTiles({ current, previous }: { current: SalesTotals; previous: SalesTotals }) {
  const { t, money, locale } = useI18n();
  const percent = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const number = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB");

  return (
    <ul className="kpi-tiles">
      {TILES.map((tile) => {
        const value = current[tile.id];
        const delta = change(value, previous[tile.id]);
        return (
          <li key={tile.id} className="kpi-tile" data-testid={`kpi-${tile.id}`}>
            <span className="kpi-label">{t(tile.label)}</span>
            <strong className="kpi-value" data-value={value}>
              {tile.money ? money(value) : number.format(value)}
            </strong>
            <span className={delta === null ? "kpi-change" : `kpi-change ${trend(delta)}`}>
              {delta === null
                ? t("sales.kpi.noPrevious")
                : t("sales.kpi.vsPrevious", { change: percent.format(delta) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function trend(delta: number): string {
  return delta > 0 ? "up" : delta < 0 ? "down" : "flat";
}
