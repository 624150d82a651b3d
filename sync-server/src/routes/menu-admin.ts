/**
 * The managers' menu endpoints (docs/menu-and-prices.md). The menu is one for
 * the whole chain, so prices, allergens, promotions and discount limits need
 * a manager of every store (or the operator); turning a product off in a
 * store needs a manager of that store. Every change is a new menu version.
 */
import { Hono, type Context } from "hono";

import { discountLimitsSchema, newId, promotionInputSchema } from "@ocpizza/schema";

import { inTransaction } from "../db/transaction.js";
import { principalOf } from "../http/access.js";
import type { AppEnv } from "../http/auth.js";
import { parseMessage, readJsonBody, SMALL_BODY_BYTES } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { readMenu, readPromotions } from "../menu/menu-catalog.js";
import {
  categoryExists,
  changePrices,
  changeProduct,
  createProduct,
  inactiveProducts,
  productExists,
  productSizeNames,
  promotionExists,
  savePromotion,
  scheduledPrices,
  setAllergens,
  setAvailability,
  setDiscountLimits,
  type ChangeContext,
} from "../menu/menu-changes.js";
import {
  allergensSchema,
  availabilitySchema,
  ID,
  newProductSchema,
  priceChangeSchema,
  productChangeSchema,
} from "../menu/menu-requests.js";
import { findStore } from "../stores/store-info.js";
import type { RouteDeps } from "./route-deps.js";

/** A price change may name an instant this far back (clock skew), never earlier. */
const PAST_TOLERANCE_MS = 5 * 60_000;
/** Nor further ahead than this: a year. */
const FUTURE_LIMIT_MS = 366 * 24 * 3_600_000;

export function menuAdminRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The menu is the chain's: changing it needs a principal covering every store.
  const chainManagers = deps.access.allow(["operator", "manager"], { store: "all" });
  // Reading it concerns no one store: any manager may (it is public but for prices to come).
  const anyManager = deps.access.allow(["operator", "manager"], { store: "in-handler" });
  const storeManagers = deps.access.allow(["operator", "manager"], {
    store: (c) => c.req.param("storeId"),
  });

  // The whole menu as a manager edits it: every store's availability, prices to come.
  app.get("/api/v1/admin/menu", anyManager, async (c) => {
    const nowMs = deps.now();
    const [menu, scheduled, allPromotions, inactive] = await Promise.all([
      readMenu(deps.db, nowMs),
      scheduledPrices(deps.db, nowMs),
      readPromotions(deps.db, "2000-01-01"),
      inactiveProducts(deps.db),
    ]);
    return c.json({
      menu: { ...menu, promotions: allPromotions },
      inactiveProducts: inactive,
      scheduledPrices: scheduled.map((row) => ({
        ...row,
        effectiveAt: row.effectiveAt.toISOString(),
      })),
    });
  });

  app.post("/api/v1/admin/menu/products", chainManagers, async (c) => {
    const product = parseMessage(newProductSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    if (await productExists(deps.db, product.id)) {
      throw invalid(`id: ${product.id} is already a product (change it with PATCH)`);
    }
    if (!(await categoryExists(deps.db, product.categoryId))) {
      throw invalid(`categoryId: no category ${product.categoryId}`);
    }
    await change(deps, c, (ctx) => createProduct(ctx, product));
    deps.logger.info({ productId: product.id }, "product created");
    return c.json({ product }, 201);
  });

  app.patch("/api/v1/admin/menu/products/:productId", chainManagers, async (c) => {
    const productId = await knownProduct(deps, c);
    const body = parseMessage(productChangeSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    if (body.categoryId !== undefined && !(await categoryExists(deps.db, body.categoryId))) {
      throw invalid(`categoryId: no category ${body.categoryId}`);
    }
    await change(deps, c, (ctx) => changeProduct(ctx, productId, body));
    deps.logger.info({ productId, fields: Object.keys(body) }, "product changed");
    return c.json({ productId, ...body });
  });

  app.put("/api/v1/admin/menu/products/:productId/prices", chainManagers, async (c) => {
    const productId = await knownProduct(deps, c);
    const body = parseMessage(priceChangeSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    const nowMs = deps.now();
    const effectiveAtMs = body.effectiveAt ? Date.parse(body.effectiveAt) : nowMs;
    checkEffectiveAt(effectiveAtMs, nowMs);
    const sizes = await productSizeNames(deps.db, productId);
    body.prices.forEach(({ size }, i) => {
      if (!sizes.includes(size)) {
        throw invalid(`prices.${i}.size: ${productId} has no size ${size} (it has ${sizes})`);
      }
    });

    await change(deps, c, (ctx) => changePrices(ctx, productId, body.prices, effectiveAtMs));
    deps.logger.info({ productId, effectiveAtMs }, "menu prices changed");
    return c.json({ productId, effectiveAt: new Date(effectiveAtMs).toISOString() });
  });

  app.put("/api/v1/admin/menu/products/:productId/allergens", chainManagers, async (c) => {
    const productId = await knownProduct(deps, c);
    const body = parseMessage(allergensSchema, await readJsonBody(c.req.raw, SMALL_BODY_BYTES));
    await change(deps, c, (ctx) => setAllergens(ctx, productId, body.allergens));
    deps.logger.info({ productId }, "menu allergens changed");
    return c.json({ productId, allergens: body.allergens });
  });

  app.put(
    "/api/v1/admin/menu/products/:productId/availability/:storeId",
    storeManagers,
    async (c) => {
      const storeId = c.req.param("storeId");
      if (!ID.test(storeId) || !(await findStore(deps.db, storeId))) {
        throw new HttpError(
          404,
          "not_found",
          `Store ${JSON.stringify(storeId.slice(0, 32))} does not exist.`,
        );
      }
      const productId = await knownProduct(deps, c);
      const body = parseMessage(
        availabilitySchema,
        await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
      );
      await change(deps, c, (ctx) => setAvailability(ctx, productId, storeId, body.available));
      deps.logger.info({ productId, storeId, available: body.available }, "menu availability");
      return c.json({ productId, storeId, available: body.available });
    },
  );

  app.post("/api/v1/admin/menu/promotions", chainManagers, async (c) => {
    const input = parseMessage(
      promotionInputSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    const id = `promo-${newId()}`;
    await change(deps, c, (ctx) => savePromotion(ctx, id, input));
    deps.logger.info({ promotionId: id }, "promotion created");
    return c.json({ promotion: { id, ...input } }, 201);
  });

  app.put("/api/v1/admin/menu/promotions/:promotionId", chainManagers, async (c) => {
    const id = c.req.param("promotionId");
    if (!ID.test(id) || !(await promotionExists(deps.db, id))) {
      throw new HttpError(
        404,
        "not_found",
        `Promotion ${JSON.stringify(id.slice(0, 48))} does not exist.`,
      );
    }
    const input = parseMessage(
      promotionInputSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    await change(deps, c, (ctx) => savePromotion(ctx, id, input));
    deps.logger.info({ promotionId: id }, "promotion changed");
    return c.json({ promotion: { id, ...input } });
  });

  app.put("/api/v1/admin/menu/discount-limits", chainManagers, async (c) => {
    const limits = parseMessage(
      discountLimitsSchema,
      await readJsonBody(c.req.raw, SMALL_BODY_BYTES),
    );
    await change(deps, c, (ctx) => setDiscountLimits(ctx, limits));
    deps.logger.info(limits, "discount limits changed");
    return c.json({ discountLimits: { ...limits, manager: 10_000 } });
  });

  return app;
}

/** Runs a change in one transaction, stamped with the clock and who made it. */
async function change(
  deps: RouteDeps,
  c: Context<AppEnv>,
  work: (ctx: ChangeContext) => Promise<void>,
): Promise<void> {
  const principal = principalOf(c);
  const staffId = principal.kind === "staff" ? principal.id : null;
  const nowMs = deps.now();
  await inTransaction(deps.pool, { isolation: "READ COMMITTED" }, ({ db }) =>
    work({ db, nowMs, staffId }),
  );
}

async function knownProduct(deps: RouteDeps, c: Context<AppEnv>): Promise<string> {
  const productId = c.req.param("productId") ?? "";
  if (!ID.test(productId) || !(await productExists(deps.db, productId))) {
    throw new HttpError(
      404,
      "not_found",
      `Product ${JSON.stringify(productId.slice(0, 48))} does not exist: see GET /api/v1/admin/menu.`,
    );
  }
  return productId;
}

function checkEffectiveAt(effectiveAtMs: number, nowMs: number): void {
  if (effectiveAtMs < nowMs - PAST_TOLERANCE_MS) {
    throw invalid("effectiveAt: cannot be in the past (orders keep the price they were taken at)");
  }
  if (effectiveAtMs > nowMs + FUTURE_LIMIT_MS) {
    throw invalid("effectiveAt: cannot be more than a year ahead");
  }
}

function invalid(why: string): HttpError {
  return new HttpError(400, "invalid_message", `Invalid message: ${why}.`);
}
