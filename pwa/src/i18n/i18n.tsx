/**
 * The language of the counter: French by default, English on request through
 * the FR/EN switch, remembered on the tablet (localStorage). `useI18n` gives
 * `t` for words and the money and time formatters for that language.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";

import { en } from "./en.js";
import { fill, formatMoney, formatTime, type Locale } from "./format.js";
import { fr, type MessageKey } from "./fr.js";

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { fr, en };
const STORAGE_KEY = "ocpizza.locale";

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** Picks "<key>.one" or "<key>.other" by count and fills {count}. */
  tn: (key: "sync.waiting" | "sync.rejections" | "cart.count", count: number) => string;
  money: (cents: number) => string;
  time: (epochMs: number, timeZone?: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or full storage: the choice then lasts until the page reloads.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const words = DICTIONARIES[locale];
    const t = (key: MessageKey, values?: Record<string, string | number>) =>
      fill(words[key], values);
    return {
      locale,
      setLocale,
      t,
      tn: (key, count) => t(`${key}.${count === 1 ? "one" : "other"}`, { count }),
      money: (cents) => formatMoney(cents, locale),
      time: (epochMs, timeZone = "Europe/Paris") => formatTime(epochMs, locale, timeZone),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n needs a LocaleProvider above it");
  return i18n;
}

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "fr" || stored === "en") return stored;
  } catch {
    // No storage available: French, the default.
  }
  return "fr";
}
