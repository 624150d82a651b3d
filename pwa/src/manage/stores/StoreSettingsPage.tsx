/**
 * The store settings page (/manage/stores) inside the manager shell: a store
 * of the manager's, its opening hours by weekday (several ranges, past
 * midnight allowed), closed days, delivery zone, fee and minimum order, the
 * legal identity printed on tickets and the coordinates. Saved whole; the
 * server's refusal names the field.
 */
import { useEffect, useMemo, useState, type FormEvent } from "react";

import { clockText, type StoreDetails } from "@ocpizza/schema";

import { useI18n } from "../../i18n/i18n.js";
import { fetchOneStore, saveSettings } from "../../stores/stores-api.js";
import { storeWords, type StoreWords } from "../../stores/words.js";
import { useMyStores } from "../StorePicker.js";
import { ClosedDaysField, Field, HoursFields } from "./fields.js";
import { checkForm, formOf, type SettingsForm } from "./settings-form.js";
import "../../stores/stores.css";

type Status =
  { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string };

export function StoreSettingsPage() {
  const { locale } = useI18n();
  const w = useMemo(() => storeWords(locale), [locale]);
  const stores = useMyStores();
  const [storeId, setStoreId] = useState<string | null>(null);
  const [store, setStore] = useState<StoreDetails | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    if (storeId === null && stores.length > 0) setStoreId(stores[0].id);
  }, [storeId, stores]);

  useEffect(() => {
    if (storeId === null) return;
    let live = true;
    setStatus({ kind: "idle" });
    fetchOneStore(storeId).then(
      (details) => {
        if (!live) return;
        setStore(details);
        setForm(formOf(details));
      },
      (error: unknown) => live && setStatus({ kind: "error", message: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [storeId]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || !storeId || status.kind === "saving") return;
    const checked = checkForm(form);
    if (!checked.ok)
      return setStatus({
        kind: "error",
        message: w("settings.invalid", { reason: checked.reason }),
      });

    setStatus({ kind: "saving" });
    const answer = await saveSettings(storeId, checked.settings);
    if (answer.kind === "saved") {
      setStore(answer.store);
      setForm(formOf(answer.store));
      return setStatus({ kind: "saved" });
    }
    setStatus({ kind: "error", message: refusalText(answer, w) });
  };

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) =>
    setForm((current) => (current ? { ...current, [key]: value } : current));

  return (
    <section className="settings-main">
      <h1>{w("settings.title")}</h1>
      <label>
        {w("settings.store")}{" "}
        <select value={storeId ?? ""} onChange={(event) => setStoreId(event.target.value)}>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {form && store && (
        <form className="settings-form" onSubmit={onSubmit}>
          <HoursFields
            hours={form.openingHours}
            words={w}
            onChange={(hours) => set("openingHours", hours)}
          />
          <ClosedDaysField
            days={form.closedDays}
            words={w}
            onChange={(days) => set("closedDays", days)}
          />
          <fieldset>
            <legend>{w("settings.delivery")}</legend>
            <Field
              label={w("settings.maxMinutes")}
              value={form.maxMinutes}
              type="number"
              onChange={(v) => set("maxMinutes", v)}
            />
            <Field
              label={w("settings.radiusMeters")}
              value={form.radiusMeters}
              type="number"
              onChange={(v) => set("radiusMeters", v)}
            />
            <Field
              label={w("settings.fee")}
              value={form.feeEuros}
              inputMode="decimal"
              onChange={(v) => set("feeEuros", v)}
            />
            <Field
              label={w("settings.minimum")}
              value={form.minimumEuros}
              inputMode="decimal"
              onChange={(v) => set("minimumEuros", v)}
            />
            <p className="hint">
              {w("settings.closingHour", { time: clockText(store.closingMinutes) })}
            </p>
          </fieldset>
          <fieldset>
            <legend>{w("settings.legal")}</legend>
            <Field
              label={w("settings.companyName")}
              value={form.companyName}
              onChange={(v) => set("companyName", v)}
            />
            <Field
              label={w("settings.legalAddress")}
              value={form.legalAddress}
              onChange={(v) => set("legalAddress", v)}
            />
            <Field
              label={w("settings.siret")}
              value={form.siret}
              inputMode="numeric"
              onChange={(v) => set("siret", v)}
            />
            <Field
              label={w("settings.vatNumber")}
              value={form.vatNumber}
              onChange={(v) => set("vatNumber", v)}
            />
          </fieldset>
          <fieldset>
            <legend>{w("settings.coordinates")}</legend>
            <Field
              label={w("settings.latitude")}
              value={form.latitude}
              inputMode="decimal"
              onChange={(v) => set("latitude", v)}
            />
            <Field
              label={w("settings.longitude")}
              value={form.longitude}
              inputMode="decimal"
              onChange={(v) => set("longitude", v)}
            />
          </fieldset>
          <button type="submit" disabled={status.kind === "saving"}>
            {status.kind === "saving" ? w("settings.saving") : w("settings.save")}
          </button>
        </form>
      )}
      {status.kind === "saved" && <p role="status">{w("settings.saved")}</p>}
      {status.kind === "error" && (
        <p role="alert" className="form-error">
          {status.message}
        </p>
      )}
    </section>
  );
}

function refusalText(
  answer: { kind: "refused"; status: number; message: string } | { kind: "network" },
  w: StoreWords,
): string {
  if (answer.kind === "network") return w("finder.networkError");
  if (answer.status === 401) return w("settings.signIn");
  if (answer.status === 403) return w("settings.forbidden");
  return w("settings.invalid", { reason: answer.message });
}
