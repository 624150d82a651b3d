/**
 * The delivery slip that goes in the bag: call number, delivery type,
 * payment status and what to collect, the customer's name, phone, address
 * and notes, and the lines. Printed through #print-root.
 */
import type { LocalOrder } from "../db/types.js";
import { useWords } from "../kitchen/words.js";
import { toCollectCents } from "./delivery-commands.js";

export function DeliverySlip({ order, timeZone }: { order: LocalOrder; timeZone: string }) {
  const { w, money, time } = useWords();
  const due = toCollectCents(order);
  return (
    <div className="print-slip delivery-slip">
      <h2>
        {w("delivery.slip")} {order.registerCode ? `${order.registerCode}-` : ""}
        {order.callNumber}
      </h2>
      <p>
        {w("kitchen.mode.delivery")} · {time(order.promisedAtMs ?? order.createdAtMs, timeZone)}
      </p>
      <p>
        <strong>
          {due > 0
            ? `${w("delivery.payment.due")} — ${w("delivery.toCollect", { amount: money(due) })}`
            : w("delivery.payment.paid")}
        </strong>
      </p>
      {order.customer && (
        <p>
          {order.customer.name}
          {order.customer.phone && <> · {order.customer.phone}</>}
          <br />
          {order.customer.address}
          {order.customer.deliveryNotes && (
            <>
              <br />
              {order.customer.deliveryNotes}
            </>
          )}
        </p>
      )}
      <ul>
        {order.lines.map((line) => (
          <li key={line.id}>
            {line.quantity} × {line.name} {line.size}
          </li>
        ))}
      </ul>
      <p>{money(order.totalCents)}</p>
    </div>
  );
}
