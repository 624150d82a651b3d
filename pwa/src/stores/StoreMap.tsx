/// <reference types="google.maps" />
/**
 * The stores on a Google map, through @googlemaps/js-api-loader's v2 API
 * (setOptions, then importLibrary). Loaded lazily by the finder and only
 * when the server gives a browser key, so the page works without Google.
 * The browser key must be restricted to this site's HTTP referrer.
 */
import { importLibrary, setOptions } from "@googlemaps/js-api-loader";
import { useEffect, useRef, useState } from "react";

import type { StoreDetails } from "@ocpizza/schema";

/** Google's demo map id: advanced markers need one; an operator may set their own later. */
const MAP_ID = "DEMO_MAP_ID";

let optionsSet = false;

export default function StoreMap({
  apiKey,
  language,
  stores,
  failedText,
}: {
  apiKey: string;
  language: string;
  stores: StoreDetails[];
  failedText: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    // setOptions may be called once per page: the language is the one of the first map.
    if (!optionsSet) {
      setOptions({ key: apiKey, v: "weekly", language, region: "FR" });
      optionsSet = true;
    }
    Promise.all([importLibrary("maps"), importLibrary("marker")])
      .then(([{ Map, InfoWindow }, { AdvancedMarkerElement }]) => {
        if (!live || !box.current) return;
        const map = new Map(box.current, {
          mapId: MAP_ID,
          // Raster tiles are images: the CSP needs no blob: workers, which vector maps would.
          renderingType: "RASTER" as google.maps.RenderingType,
          center: centreOf(stores),
          zoom: 12,
        });
        const info = new InfoWindow();
        for (const store of stores) {
          const marker = new AdvancedMarkerElement({
            map,
            position: { lat: store.latitude, lng: store.longitude },
            title: store.name,
          });
          marker.addListener("click", () => {
            info.setContent(`${store.name} — ${store.address}, ${store.postcode} ${store.city}`);
            info.open({ map, anchor: marker });
          });
        }
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [apiKey, language, stores]);

  if (failed) return <p className="form-error">{failedText}</p>;
  return <div ref={box} className="stores-map-box" data-testid="store-map" />;
}

function centreOf(stores: StoreDetails[]): google.maps.LatLngLiteral {
  if (stores.length === 0) return { lat: 48.8566, lng: 2.3522 };
  const sum = stores.reduce(
    (acc, s) => ({ lat: acc.lat + s.latitude, lng: acc.lng + s.longitude }),
    { lat: 0, lng: 0 },
  );
  return { lat: sum.lat / stores.length, lng: sum.lng / stores.length };
}
