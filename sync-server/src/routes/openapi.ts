/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 document of the public endpoints
 * (stores, slots, menu, delivery quote, online orders, account orders,
 * config). Request schemas come from @ocpizza/schema, answers from
 * online/api-schemas.ts, both through zod's toJSONSchema, so the document
 * cannot drift from the code that checks; openapi.test.ts keeps the list of
 * routes and the real answers true to it. Staff, device and admin endpoints
 * are documented in docs/ instead.
 */
import { Hono } from "hono";
import { z } from "zod";

import {
  onlineOrderChangeSchema,
  onlineOrderRequestSchema,
  REQUEST_ERROR_CODES,
} from "@ocpizza/schema";

import type { AppEnv } from "../http/auth.js";
import * as answers from "../online/api-schemas.js";
import { cardPaymentAnswerSchema, cardPaymentRequestSchema } from "./card-payments.js";
import type { RouteDeps } from "./route-deps.js";

export interface PublicOperation {
  method: "get" | "post" | "put";
  /** OpenAPI form: /api/v1/stores/{storeId}. */
  path: string;
  summary: string;
  parameters?: { name: string; in: "path" | "query"; required: boolean; description: string }[];
  request?: keyof typeof REQUESTS;
  /** Status code to the name of its answer schema. */
  responses: Record<number, keyof typeof RESPONSES>;
}

const REQUESTS = {
  OnlineOrderRequest: onlineOrderRequestSchema,
  OnlineOrderChange: onlineOrderChangeSchema,
  DeliveryQuoteRequest: z.strictObject({ address: z.string().min(5).max(200) }),
  CardPaymentRequest: cardPaymentRequestSchema,
};

export const RESPONSES = {
  Error: answers.errorSchema,
  Stores: answers.storesSchema,
  StoreInfo: answers.storeInfoSchema,
  Store: answers.storeAnswerSchema,
  StoreDetails: answers.storeDetailsSchema,
  OnlineOrdering: answers.onlineOrderingSchema,
  Slots: answers.slotsSchema,
  Menu: answers.menuSchema,
  DeliveryQuote: answers.quoteSchema,
  DeliveryRefusal: answers.quoteRefusalSchema,
  Config: answers.mapsConfigSchema,
  OnlineOrder: answers.onlineOrderSchema,
  OnlineOrderCreated: answers.orderCreatedSchema,
  OneOrder: answers.oneOrderSchema,
  Orders: answers.ordersSchema,
  OpenApi: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  CardPayment: cardPaymentAnswerSchema,
};

const storeId = { name: "storeId", in: "path", required: true, description: "store id" } as const;
const orderId = { name: "id", in: "path", required: true, description: "order id" } as const;
const token = {
  name: "token",
  in: "query",
  required: false,
  description: "the order link's token (not needed by the signed-in customer who ordered)",
} as const;

export const PUBLIC_OPERATIONS: PublicOperation[] = [
  { method: "get", path: "/api/v1/stores", summary: "Every store", responses: { 200: "Stores" } },
  {
    method: "get",
    path: "/api/v1/stores/{storeId}",
    summary: "A store's details, and whether it takes online orders now",
    parameters: [storeId],
    responses: { 200: "Store", 404: "Error" },
  },
  {
    method: "get",
    path: "/api/v1/stores/{storeId}/slots",
    summary: "The quarter hours of a date with the pizzas each still takes",
    parameters: [
      storeId,
      { name: "date", in: "query", required: false, description: "YYYY-MM-DD (default today)" },
      { name: "fulfilment", in: "query", required: false, description: "pickup | delivery" },
    ],
    responses: { 200: "Slots", 400: "Error", 404: "Error" },
  },
  {
    method: "get",
    path: "/api/v1/menu",
    summary: "The current menu; with storeId, that store's (off products left out, sold out sizes)",
    parameters: [{ name: "storeId", in: "query", required: false, description: "store id" }],
    responses: { 200: "Menu" },
  },
  {
    method: "post",
    path: "/api/v1/delivery/quote",
    summary: "Which store delivers an address, at what fee",
    request: "DeliveryQuoteRequest",
    responses: { 200: "DeliveryQuote", 400: "Error", 422: "DeliveryRefusal", 429: "Error" },
  },
  {
    method: "get",
    path: "/api/v1/config",
    summary: "Public settings of the web pages",
    responses: { 200: "Config" },
  },
  {
    method: "post",
    path: "/api/v1/online-orders",
    summary: "Order online (guest or signed-in customer); idempotent by its key",
    request: "OnlineOrderRequest",
    responses: {
      201: "OnlineOrderCreated",
      400: "Error",
      404: "Error",
      409: "Error",
      422: "Error",
      503: "Error",
    },
  },
  {
    method: "get",
    path: "/api/v1/online-orders/{id}",
    summary: "An online order and its status",
    parameters: [orderId, token],
    responses: { 200: "OneOrder", 404: "Error" },
  },
  {
    method: "put",
    path: "/api/v1/online-orders/{id}",
    summary: "Change items, time or contact until preparation starts",
    parameters: [orderId, token],
    request: "OnlineOrderChange",
    responses: { 200: "OneOrder", 400: "Error", 404: "Error", 409: "Error", 422: "Error" },
  },
  {
    method: "post",
    path: "/api/v1/online-orders/{id}/cancel",
    summary: "Cancel until preparation starts",
    parameters: [orderId, token],
    responses: { 200: "OneOrder", 404: "Error", 409: "Error" },
  },
  {
    method: "post",
    path: "/api/v1/online-orders/{id}/card-payment",
    summary: "Pay by card with a Web Payments SDK token (docs/payments.md)",
    parameters: [orderId, token],
    request: "CardPaymentRequest",
    responses: { 200: "CardPayment", 400: "Error", 404: "Error", 409: "Error", 422: "Error" },
  },
  {
    method: "get",
    path: "/api/v1/account/orders",
    summary: "The signed-in customer's online orders (session cookie)",
    responses: { 200: "Orders", 401: "Error", 403: "Error" },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This document",
    responses: { 200: "OpenApi" },
  },
];

export function openApiDocument(): Record<string, unknown> {
  const schemas = {
    ...componentSchemas(REQUESTS, "input"),
    ...componentSchemas(RESPONSES, "output"),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of PUBLIC_OPERATIONS) {
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      ...(op.parameters && { parameters: op.parameters.map(parameter) }),
      ...(op.request && { requestBody: { required: true, content: json(op.request) } }),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, name]) => [
          status,
          { description: name, content: json(name) },
        ]),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "OC Pizza public API",
      version: "1",
      description:
        "Stores, menu, delivery quotes and online orders. Errors answer " +
        `{ error: { code, message } } with code one of: ${REQUEST_ERROR_CODES.join(", ")}. ` +
        "See docs/online-ordering.md.",
    },
    paths,
    components: { schemas },
  };
}

export function openApiRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const document = openApiDocument();
  app.get("/api/v1/openapi.json", deps.access.allow(["anyone"]), (c) => c.json(document));
  return app;
}

function componentSchemas(
  named: Record<string, z.ZodType>,
  io: "input" | "output",
): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  // Each schema lives in the document, not at its own URI.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

function json(name: string) {
  return { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } };
}

function parameter(p: NonNullable<PublicOperation["parameters"]>[number]) {
  return {
    name: p.name,
    in: p.in,
    required: p.required,
    description: p.description,
    schema: { type: "string" },
  };
}
