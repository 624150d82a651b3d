/**
 * The write commands as the screens use them: each writes locally (one Dexie
 * transaction with its outbox entry), then wakes the sync engine. Errors are
 * turned into a sentence for the clerk.
 */
import type { OrderStatus } from "@ocpizza/schema";
import { useMemo } from "react";

import { CommandError } from "../db/command-error.js";
import { issueCreditNote, type CreditNoteInput } from "../db/credit-note.js";
import { updateMeta } from "../db/database.js";
import { closeShift, moveCash, openShift } from "../db/shift.js";
import type { DrawerAmounts } from "../db/types.js";
import { changeOrderStatus, payOrder } from "../db/order-commands.js";
import { recordSale, type PaymentDraft, type SaleInput } from "../db/sale.js";
import type { I18n } from "../i18n/i18n.js";
import { useServices } from "./services.js";

export function useCommands() {
  const { db, engine } = useServices();
  return useMemo(() => {
    const afterWrite = <T>(result: T): T => {
      void engine.requestSync("write");
      return result;
    };
    return {
      recordSale: async (input: SaleInput) => afterWrite(await recordSale(db, input)),
      payOrder: async (orderId: string, payments: PaymentDraft[], handedOver: boolean) =>
        afterWrite(await payOrder(db, orderId, payments, { handedOver })),
      /** `approvedByStaffId`: the manager who approved a void after payment. */
      changeStatus: async (
        orderId: string,
        status: OrderStatus,
        reason?: string,
        approvedByStaffId?: string,
      ) =>
        afterWrite(
          await changeOrderStatus(db, orderId, status, reason, Date.now(), approvedByStaffId),
        ),
      issueCreditNote: async (orderId: string, input: CreditNoteInput) =>
        afterWrite(await issueCreditNote(db, orderId, input)),
      openShift: async (floatCents: number) => afterWrite(await openShift(db, floatCents)),
      moveCash: async (
        direction: "in" | "out",
        amountCents: number,
        reason: string,
        approvedByStaffId: string,
      ) =>
        afterWrite(
          await moveCash(db, direction, amountCents, reason, Date.now(), approvedByStaffId),
        ),
      closeShift: async (counted: DrawerAmounts) => afterWrite(await closeShift(db, counted)),
      /** Device setting, not a sale: nothing to sync. */
      setTrainingMode: (on: boolean) => updateMeta(db, { trainingMode: on }),
    };
  }, [db, engine]);
}

export function describeCommandError(t: I18n["t"], error: unknown): string {
  if (error instanceof CommandError) {
    // The schema's own words are English and technical: only the reason is shown.
    return error.code === "invalid_order"
      ? t(`command.invalid.${error.reason ?? "other"}`)
      : t(`command.${error.code}`);
  }
  // The tablet's storage is full (IndexedDB refuses the write): say what to do.
  if (isQuotaExceeded(error)) return t("command.storage_full");
  return t("command.failed", { message: error instanceof Error ? error.message : String(error) });
}

function isQuotaExceeded(error: unknown): boolean {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map(
    (e) => (e as { name?: unknown } | null)?.name,
  );
  return names.includes("QuotaExceededError");
}
