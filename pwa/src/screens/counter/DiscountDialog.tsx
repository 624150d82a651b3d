/**
 * A discount by hand on a cart line or on the whole cart: a percentage or an
 * amount in euros. Above what the signed-in clerk's role may give (the menu's
 * discount limits), a manager approves it with their PIN first.
 */
import { useState } from "react";

import {
  DEFAULT_DISCOUNT_LIMITS,
  discountCentsOf,
  parseEuros,
  type Discount,
  type MenuSnapshot,
} from "@ocpizza/schema";

import { useMeta } from "../../app/data-hooks.js";
import { Dialog } from "../../components/Dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { ManagerPinDialog } from "../../staff/ManagerPinDialog.js";

interface Props {
  title: string;
  /** What the discount applies to, in cents (the line or the order before it). */
  baseCents: number;
  current?: Discount;
  menu: MenuSnapshot;
  onApply: (discount: Discount | undefined, approvedBy?: string) => void;
  onClose: () => void;
}

export function DiscountDialog({ title, baseCents, current, menu, onApply, onClose }: Props) {
  const { t } = useI18n();
  const role = useMeta()?.signedIn?.role ?? "counter";
  const limitBp =
    role === "manager" ? 10_000 : (menu.discountLimits ?? DEFAULT_DISCOUNT_LIMITS)[role];
  const [kind, setKind] = useState<Discount["kind"]>(current?.kind ?? "percent");
  const [text, setText] = useState(current ? valueText(current) : "");
  const [error, setError] = useState<string | null>(null);
  const [approving, setApproving] = useState<Discount | null>(null);

  const apply = () => {
    const discount = readDiscount(kind, text);
    if (!discount) return setError(t("discount.invalid"));
    const cents = discountCentsOf(discount, baseCents);
    const rate =
      discount.kind === "percent" ? discount.value : Math.ceil((cents * 10_000) / baseCents);
    if (rate > limitBp) setApproving(discount);
    else onApply(discount);
  };

  if (approving) {
    return (
      <ManagerPinDialog
        onApproved={(managerId) => onApply(approving, managerId)}
        onClose={() => setApproving(null)}
      />
    );
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <fieldset className="option-choice">
        <legend>{t("discount.value")}</legend>
        {(["percent", "amount"] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" checked={kind === k} onChange={() => setKind(k)} />
            {t(k === "percent" ? "discount.percent" : "discount.amount")}
          </label>
        ))}
        <input
          aria-label={t("discount.value")}
          inputMode="decimal"
          value={text}
          data-autofocus
          onChange={(e) => setText(e.target.value)}
        />
      </fieldset>
      <p className="hint">{t("discount.overLimit", { limit: `${limitBp / 100} %` })}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
        {current && (
          <button type="button" onClick={() => onApply(undefined)}>
            {t("discount.remove")}
          </button>
        )}
        <button type="button" className="primary" onClick={apply}>
          {t("discount.apply")}
        </button>
      </div>
    </Dialog>
  );
}

/** "10" or "12,5" percent into basis points; "2,50" euros into cents; null when unreadable. */
export function readDiscount(kind: Discount["kind"], text: string): Discount | null {
  try {
    const hundredths = parseEuros(text);
    if (hundredths <= 0) return null;
    if (kind === "percent") return hundredths <= 10_000 ? { kind, value: hundredths } : null;
    return { kind, value: hundredths };
  } catch {
    return null;
  }
}

function valueText(discount: Discount): string {
  return (discount.value / 100).toFixed(2).replace(/\.00$/, "");
}
