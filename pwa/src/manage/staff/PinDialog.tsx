/**
 * Setting a staff member's PIN (PUT /api/v1/admin/staff/:staffId/pin). The
 * PIN rules are the shared ones (schema's pinProblem), checked here first; a
 * server without the PIN endpoint yet (404) is said plainly.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { pinProblem, type StaffListing } from "@ocpizza/schema";

import { Dialog } from "../../components/Dialog.js";
import { useNavigatorOnline } from "../../components/use-online.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiError, webApi } from "../api.js";
import { errorText } from "../error-text.js";

export function PinDialog({
  staff,
  onClose,
  onDone,
}: {
  staff: StaffListing;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const [pin, setPin] = useState("");
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({ mutationFn: () => webApi.setPin(staff.id, pin), onSuccess: onDone });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = pinProblem(pin) !== null;
    setInvalid(wrong);
    if (!wrong) save.mutate();
  };
  // Only the endpoint's absence is a 404 here: the staff member was just listed.
  const missing =
    save.error instanceof ApiError && save.error.status === 404 && save.error.code === "not_found";

  return (
    <Dialog title={t("web.staff.pinTitle", { name: staff.name })} onClose={onClose}>
      <form onSubmit={onSubmit} className="web-form">
        <label>
          {t("web.staff.pin")}
          <input
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]*"
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 6))}
            required
            minLength={4}
            maxLength={6}
            data-autofocus
          />
        </label>
        <p className={invalid ? "form-error" : "hint"} role={invalid ? "alert" : undefined}>
          {t("web.staff.pinHint")}
        </p>
        {save.isError && (
          <p className="form-error" role="alert">
            {missing ? t("web.staff.pinUnavailable") : errorText(t, save.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("web.cancel")}
          </button>
          <button type="submit" className="primary" disabled={!online || save.isPending}>
            {t("web.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
