/**
 * A big digit pad for a 4 to 6 digit PIN: buttons for a touch screen, and the
 * keyboard's digits, Backspace and Enter. The PIN shows as dots only.
 */
import { useEffect, useState } from "react";

import { PIN_MAX_DIGITS, PIN_MIN_DIGITS } from "@ocpizza/schema";

import { useI18n } from "../i18n/i18n.js";

interface PinPadProps {
  disabled?: boolean;
  onSubmit: (pin: string) => void;
}

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

export function PinPad({ disabled = false, onSubmit }: PinPadProps) {
  const { t } = useI18n();
  const [pin, setPin] = useState("");
  const ready = pin.length >= PIN_MIN_DIGITS && !disabled;

  const press = (digit: string) =>
    setPin((current) => (current.length < PIN_MAX_DIGITS ? current + digit : current));
  const submit = () => {
    if (!ready) return;
    onSubmit(pin);
    setPin("");
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (disabled) return;
      if (/^[0-9]$/.test(event.key)) press(event.key);
      else if (event.key === "Backspace") setPin((current) => current.slice(0, -1));
      else if (event.key === "Enter") submit();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="pin-pad" role="group" aria-label={t("pin.pad")}>
      <output
        className="pin-dots"
        aria-live="polite"
        aria-label={t("pin.entered", { count: pin.length })}
      >
        {Array.from({ length: PIN_MAX_DIGITS }, (_, i) => (
          <span key={i} className={i < pin.length ? "dot filled" : "dot"} />
        ))}
      </output>
      <div className="pin-keys">
        {DIGITS.map((digit) => (
          <button key={digit} type="button" disabled={disabled} onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" disabled={disabled} onClick={() => setPin("")}>
          {t("pin.clear")}
        </button>
        <button type="button" disabled={disabled} onClick={() => press("0")}>
          0
        </button>
        <button type="button" disabled={disabled} onClick={() => setPin((p) => p.slice(0, -1))}>
          {t("pin.back")}
        </button>
      </div>
      <button type="button" className="primary big pin-ok" disabled={!ready} onClick={submit}>
        {t("pin.ok")}
      </button>
    </div>
  );
}
