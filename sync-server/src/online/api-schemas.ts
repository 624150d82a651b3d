/**
 * The public answers as zod schemas: the OpenAPI document's response schemas
 * are generated from them (routes/openapi.ts), and the OpenAPI test checks
 * real answers against them. Strict objects: a field the server adds without
 * documenting it fails that test. Requests reuse the schemas of @ocpizza/schema.
 */
import { CUSTOMER_STATUSES, QUOTE_REFUSAL_CODES } from "@ocpizza/schema";
import { z } from "zod";

const int = z.number().int();
const cents = int.min(0);
const isoTime = z.string().describe("ISO 8601 instant, UTC");
const range = z.strictObject({ opens: z.string(), closes: z.string() });
const week = z.strictObject({
  mon: z.array(range),
  tue: z.array(range),
  wed: z.array(range),
  thu: z.array(range),
  fri: z.array(range),
  sat: z.array(range),
  sun: z.array(range),
});

export const errorSchema = z.strictObject({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});

const legalIdentitySchema = z.strictObject({
  companyName: z.string(),
  address: z.string(),
  siret: z.string(),
  vatNumber: z.string(),
});

export const storeInfoSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  phone: z.string(),
  timeZone: z.string(),
  closingMinutes: int,
  legal: legalIdentitySchema,
});

export const onlineOrderingSchema = z.strictObject({
  accepting: z.boolean(),
  reason: z.enum(["store_unattended"]).nullable(),
  pizzasPerQuarter: int,
  cardOnline: z.strictObject({ available: z.boolean(), reason: z.string().nullable() }),
});

export const storeDetailsSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  phone: z.string(),
  timeZone: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  openingHours: week,
  closedDays: z.array(z.string()),
  delivery: z.strictObject({
    maxMinutes: int,
    radiusMeters: int,
    feeCents: cents,
    minimumOrderCents: cents,
  }),
  legal: legalIdentitySchema,
  closingMinutes: int,
  openNow: z.strictObject({
    open: z.boolean(),
    closesAt: z.string().optional(),
    nextOpening: z.strictObject({ day: z.string(), opens: z.string() }).nullable().optional(),
  }),
});

export const slotsSchema = z.strictObject({
  storeId: z.string(),
  date: z.string(),
  pizzasPerQuarter: int,
  slots: z.array(z.strictObject({ startsAt: isoTime, time: z.string(), remaining: int })),
});

export const menuSchema = z.strictObject({
  version: int,
  categories: z.array(
    z.strictObject({
      id: z.string(),
      nameFr: z.string(),
      nameEn: z.string(),
      kind: z.string(),
      sortOrder: int,
    }),
  ),
  products: z.array(
    z.strictObject({
      id: z.string(),
      categoryId: z.string(),
      nameFr: z.string(),
      nameEn: z.string(),
      vat: z.strictObject({ eat_in: int, takeaway: int, delivery: int }),
      sizes: z.array(z.strictObject({ size: z.string(), priceCents: cents })),
      ingredientIds: z.array(z.string()),
      sortOrder: int,
      /** EU allergen codes (schema/src/allergens.ts), in the Annex's order. */
      allergens: z.array(z.string()).optional(),
      /** Without ?storeId=: the stores where the product is off. */
      unavailableStoreIds: z.array(z.string()).optional(),
    }),
  ),
  ingredients: z.array(
    z.strictObject({
      id: z.string(),
      nameFr: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      extraPriceCents: cents.nullable(),
    }),
  ),
  recipes: z.array(
    z.strictObject({
      productId: z.string(),
      size: z.string(),
      ingredientId: z.string(),
      quantity: int,
    }),
  ),
  /** Promotions not over yet (docs/menu-and-prices.md); pricing.ts applies them. */
  promotions: z
    .array(
      z.strictObject({
        id: z.string(),
        nameFr: z.string(),
        nameEn: z.string(),
        kind: z.enum(["percent_off", "second_item"]),
        percentBp: int,
        categoryIds: z.array(z.string()),
        startsOn: z.string(),
        endsOn: z.string(),
        weekdays: z.array(int),
        active: z.boolean(),
      }),
    )
    .optional(),
  /** Largest discount per staff role without a manager's approval, in basis points. */
  discountLimits: z
    .strictObject({ manager: int, counter: int, pizzaiolo: int, driver: int })
    .optional(),
  /** With ?storeId=: the sizes the store's ingredient stock allows none of. */
  soldOut: z.array(z.strictObject({ productId: z.string(), size: z.string() })).optional(),
});

const pickupStore = z.strictObject({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  openNow: z.boolean(),
  distanceMeters: z.number().optional(),
});

export const quoteSchema = z.strictObject({
  store: z.strictObject({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    postcode: z.string(),
    city: z.string(),
  }),
  deliveryFeeCents: cents,
  minimumOrderCents: cents,
  etaMinutes: int.optional(),
  distanceMeters: z.number(),
  method: z.enum(["travel_time", "straight_line"]),
  formattedAddress: z.string(),
});

export const quoteRefusalSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(QUOTE_REFUSAL_CODES),
    message: z.string(),
    messageKey: z.string(),
    pickupStores: z.array(pickupStore),
    nextOpening: z
      .strictObject({ storeId: z.string(), day: z.string(), opens: z.string() })
      .optional(),
  }),
});

export const mapsConfigSchema = z.strictObject({
  maps: z.strictObject({ browserKey: z.string().nullable(), geocoding: z.boolean() }),
});

export const onlineOrderSchema = z.strictObject({
  id: z.uuid(),
  storeId: z.string(),
  storeName: z.string(),
  status: z.enum(CUSTOMER_STATUSES),
  statusReason: z.string().nullable(),
  fulfilment: z.enum(["pickup", "delivery"]),
  asap: z.boolean(),
  promisedAt: isoTime,
  callNumber: int,
  lines: z.array(
    z.strictObject({
      productId: z.string(),
      size: z.string(),
      name: z.string(),
      quantity: int.min(1),
      unitPriceCents: cents,
      totalCents: cents,
      options: z.array(
        z.strictObject({
          kind: z.enum(["extra", "without"]),
          ingredientId: z.string(),
          priceCents: cents,
        }),
      ),
    }),
  ),
  itemsCents: cents,
  deliveryFeeCents: cents,
  totalCents: cents,
  paymentMethod: z.enum(["on_handover", "card_online"]),
  paidCents: z.number().int().min(0),
  customer: z.strictObject({
    name: z.string(),
    phone: z.string(),
    email: z.string(),
    language: z.enum(["fr", "en"]),
  }),
  delivery: z.strictObject({ address: z.string(), notes: z.string() }).nullable(),
  changeable: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const orderCreatedSchema = z.strictObject({
  order: onlineOrderSchema,
  token: z.string(),
  orderUrl: z.url(),
});

export const oneOrderSchema = z.strictObject({ order: onlineOrderSchema });
export const ordersSchema = z.strictObject({ orders: z.array(onlineOrderSchema) });
export const storesSchema = z.strictObject({ stores: z.array(storeInfoSchema) });
export const storeAnswerSchema = z.strictObject({
  store: storeDetailsSchema,
  onlineOrdering: onlineOrderingSchema,
});
