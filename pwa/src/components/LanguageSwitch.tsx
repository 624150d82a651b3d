/** The FR/EN switch, always visible in the header; the choice is remembered. */
import { useI18n } from "../i18n/i18n.js";
import type { Locale } from "../i18n/format.js";

const LOCALES: { locale: Locale; label: string; lang: string }[] = [
  { locale: "fr", label: "FR", lang: "fr" },
  { locale: "en", label: "EN", lang: "en" },
];

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t("lang.switch")}>
      {LOCALES.map((option) => (
        <button
          key={option.locale}
          type="button"
          lang={option.lang}
          aria-pressed={locale === option.locale}
          onClick={() => setLocale(option.locale)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
