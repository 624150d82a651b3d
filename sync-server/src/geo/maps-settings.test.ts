/**
 * The Maps settings read from the environment, and the start-up sentences
 * saying which Maps features are off (never the keys themselves).
 */
import { describe, expect, it } from "vitest";

import { loadConfig } from "../config.js";
import { mapsFeaturesOff, mapsSettingsFromConfig } from "./maps-settings.js";

describe("the Maps settings", () => {
  it("default to Google's services and no key: geocoding and the map are off", () => {
    const maps = mapsSettingsFromConfig(loadConfig({}));

    expect(maps).toMatchObject({
      serverKey: null,
      browserKey: null,
      mapsApiBase: "https://maps.googleapis.com",
      routesApiBase: "https://routes.googleapis.com",
    });
    const off = mapsFeaturesOff(maps);
    expect(off).toHaveLength(2);
    expect(off[0]).toMatch(/GOOGLE_SERVER_KEY is not set/);
    expect(off[1]).toMatch(/GOOGLE_BROWSER_KEY is not set/);
  });

  it("read both keys and local base URLs, and then report nothing off", () => {
    const maps = mapsSettingsFromConfig(
      loadConfig({
        GOOGLE_SERVER_KEY: "server-key-0123456789abcdef",
        GOOGLE_BROWSER_KEY: "browser-key-0123456789abcdef",
        GOOGLE_MAPS_API_BASE: "http://127.0.0.1:4020/",
        GOOGLE_ROUTES_API_BASE: "http://127.0.0.1:4021",
      }),
    );

    expect(maps).toMatchObject({
      serverKey: "server-key-0123456789abcdef",
      browserKey: "browser-key-0123456789abcdef",
      mapsApiBase: "http://127.0.0.1:4020",
      routesApiBase: "http://127.0.0.1:4021",
    });
    expect(mapsFeaturesOff(maps)).toEqual([]);
  });

  it("refuses a key too short to be one, naming the setting", () => {
    expect(() => loadConfig({ GOOGLE_SERVER_KEY: "abc" })).toThrow(/GOOGLE_SERVER_KEY/);
    expect(() => loadConfig({ GOOGLE_ROUTES_API_BASE: "not a url" })).toThrow(
      /GOOGLE_ROUTES_API_BASE/,
    );
  });
});
