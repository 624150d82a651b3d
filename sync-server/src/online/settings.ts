/**
 * The settings of online ordering, with their units and defaults. Only the
 * counter silence comes from the environment (config.ts); lead times are
 * kitchen habits kept here until a store needs its own.
 */

export interface OnlineOrderSettings {
  /**
   * A store stops taking online orders when none of its counters has been
   * seen for this long, in minutes (ONLINE_ORDERS_COUNTER_SILENCE_MINUTES,
   * default 10).
   */
  counterSilenceMinutes: number;
  /** The earliest pickup after an order, in minutes (default 20). */
  pickupLeadMinutes: number;
  /** The earliest delivery after an order, in minutes (default 40). */
  deliveryLeadMinutes: number;
}

export const DEFAULT_ONLINE_ORDER_SETTINGS: OnlineOrderSettings = {
  counterSilenceMinutes: 10,
  pickupLeadMinutes: 20,
  deliveryLeadMinutes: 40,
};

export function onlineOrderSettings(
  overrides: Partial<OnlineOrderSettings> = {},
): OnlineOrderSettings {
  return { ...DEFAULT_ONLINE_ORDER_SETTINGS, ...overrides };
}
