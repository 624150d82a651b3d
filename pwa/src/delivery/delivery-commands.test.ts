import { describe, expect, it } from "vitest";

import { directionsUrl, toCollectCents } from "./delivery-commands.js";

describe("directions link", () => {
  it("goes from the store through every stop to the last one", () => {
    const url = new URL(
      directionsUrl("1 place de la Bastille, Paris", ["2 rue A, Paris", "3 rue B, Paris"]),
    );
    expect(url.origin + url.pathname).toBe("https://www.google.com/maps/dir/");
    expect(url.searchParams.get("api")).toBe("1");
    expect(url.searchParams.get("origin")).toBe("1 place de la Bastille, Paris");
    expect(url.searchParams.get("destination")).toBe("3 rue B, Paris");
    expect(url.searchParams.get("waypoints")).toBe("2 rue A, Paris");
  });

  it("has no waypoints for a single stop", () => {
    const url = new URL(directionsUrl("store", ["home"]));
    expect(url.searchParams.has("waypoints")).toBe(false);
    expect(url.searchParams.get("destination")).toBe("home");
  });
});

describe("amount to collect", () => {
  it("is what is left to pay, never negative", () => {
    expect(toCollectCents({ totalCents: 2500, paidCents: 1000 })).toBe(1500);
    expect(toCollectCents({ totalCents: 2500, paidCents: 3000 })).toBe(0);
  });
});
