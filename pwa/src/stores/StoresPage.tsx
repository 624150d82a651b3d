/**
 * The public store finder (/stores): every pizzeria with its address, hours
 * and whether it is open now, an address form asking the server which store
 * delivers there, and a Google map when the server gives a browser key. The
 * map is loaded only then, from its own chunk; without a key the page says so.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from "react";

import type { MapsConfig, StoreDetails } from "@ocpizza/schema";

import { LanguageSwitch } from "../components/LanguageSwitch.js";
import { useI18n } from "../i18n/i18n.js";
import { QuoteForm } from "./QuoteForm.js";
import { StoreCard } from "./StoreCard.js";
import { fetchMapsConfig, fetchStoreDetails } from "./stores-api.js";
import { storeWords } from "./words.js";
import "./stores.css";

const StoreMap = lazy(() => import("./StoreMap.js"));

type Loaded<T> = { state: "loading" } | { state: "failed" } | { state: "ready"; value: T };

export function StoresPage() {
  const { locale } = useI18n();
  const w = useMemo(() => storeWords(locale), [locale]);
  const [stores, setStores] = useState<Loaded<StoreDetails[]>>({ state: "loading" });
  const [maps, setMaps] = useState<MapsConfig | null>(null);

  useEffect(() => {
    let live = true;
    fetchStoreDetails().then(
      (value) => live && setStores({ state: "ready", value }),
      () => live && setStores({ state: "failed" }),
    );
    // Without the config the page behaves as if no key were set.
    fetchMapsConfig().then(
      (value) => live && setMaps(value),
      () => live && setMaps({ browserKey: null, geocoding: false }),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="stores-page">
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">OC Pizza</span>
          <span className="brand-store">{w("finder.title")}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="stores-main">
        <QuoteForm words={w} geocoding={maps?.geocoding ?? true} />
        <section className="stores-map" aria-label={w("finder.mapLabel")}>
          {maps?.browserKey && stores.state === "ready" ? (
            <Suspense fallback={<div className="stores-map-box" aria-busy="true" />}>
              <StoreMap
                apiKey={maps.browserKey}
                language={locale}
                stores={stores.value}
                failedText={w("finder.mapFailed")}
              />
            </Suspense>
          ) : maps && !maps.browserKey ? (
            <p className="notice" data-testid="map-off">
              {w("finder.mapOff")}
            </p>
          ) : null}
        </section>
        <StoreList stores={stores} words={w} />
      </main>
    </div>
  );
}

function StoreList({
  stores,
  words: w,
}: {
  stores: Loaded<StoreDetails[]>;
  words: ReturnType<typeof storeWords>;
}) {
  if (stores.state === "loading") return <p aria-busy="true">{w("finder.loading")}</p>;
  if (stores.state === "failed") return <p className="form-error">{w("finder.loadFailed")}</p>;
  return (
    <ul className="store-list">
      {stores.value.map((store) => (
        <li key={store.id}>
          <StoreCard store={store} words={w} />
        </li>
      ))}
    </ul>
  );
}
