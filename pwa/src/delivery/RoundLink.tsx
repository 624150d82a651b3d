/**
 * One driver's round as a Google Maps link through all their stops. The
 * order of the stops comes from the server (the Routes API when the server
 * has a key); offline, or without a key, they keep the order promised.
 */
import { useEffect, useState } from "react";

import { useServices } from "../app/services.js";
import type { LocalOrder } from "../db/types.js";
import { useWords } from "../kitchen/words.js";
import { deviceCall } from "../stock/device-api.js";
import { directionsUrl } from "./delivery-commands.js";

export function RoundLink({
  driverName,
  stops,
  storeAddress,
}: {
  driverName: string;
  stops: LocalOrder[];
  storeAddress: string;
}) {
  const { w } = useWords();
  const { db } = useServices();
  const ids = stops.map((stop) => stop.id);
  const key = ids.join(",");
  const [order, setOrder] = useState<string[] | null>(null);

  useEffect(() => {
    let current = true;
    deviceCall<{ orderIds: string[] }>(db, "/api/v1/devices/me/delivery-round", {
      method: "POST",
      body: JSON.stringify({ orderIds: ids }),
    })
      .then((round) => current && setOrder(round.orderIds))
      // Offline or refused: the promised order stays.
      .catch(() => current && setOrder(null));
    return () => {
      current = false;
    };
  }, [db, key]);

  const byId = new Map(stops.map((stop) => [stop.id, stop]));
  const ordered = (order ?? ids).map((id) => byId.get(id)).filter((s) => s !== undefined);
  const addresses = ordered.map((stop) => stop.customer?.address ?? "");
  return (
    <p className="delivery-round">
      <a href={directionsUrl(storeAddress, addresses)} target="_blank" rel="noreferrer">
        {w("delivery.route", { name: driverName, count: stops.length })}
      </a>
    </p>
  );
}
