/**
 * Adding a staff member (email, name, role, stores, a password for a
 * manager) or changing one (name, role, stores). Stores offered are the
 * manager's own; "every store" only for who covers every store.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { STAFF_ROLES, type StaffListing, type StaffRole } from "@ocpizza/schema";

import { Dialog } from "../../components/Dialog.js";
import { useNavigatorOnline } from "../../components/use-online.js";
import type { MessageKey } from "../../i18n/fr.js";
import { useI18n } from "../../i18n/i18n.js";
import { webApi, type StaffChange } from "../api.js";
import { errorText } from "../error-text.js";
import { useManager } from "../ManageShell.js";
import { useMyStores } from "../StorePicker.js";

export const ROLE_KEYS: Record<StaffRole, MessageKey> = {
  manager: "web.staff.role.manager",
  counter: "web.staff.role.counter",
  pizzaiolo: "web.staff.role.pizzaiolo",
  driver: "web.staff.role.driver",
};

/** The staff endpoints' refusals in the page's words. */
export const STAFF_ERRORS: Partial<Record<string, MessageKey>> = {
  last_manager: "web.staff.lastManager",
  email_taken: "web.staff.emailTaken",
  "403": "web.staff.forbidden",
};

export function StaffDialog({
  staff,
  onClose,
  onDone,
}: {
  /** The person to change; absent, the dialog adds someone. */
  staff?: StaffListing;
  onClose: () => void;
  onDone: (saved: StaffListing) => void;
}) {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const manager = useManager();
  const stores = useMyStores();
  const [email, setEmail] = useState("");
  const [name, setName] = useState(staff?.name ?? "");
  const [role, setRole] = useState<StaffRole>(staff?.role ?? "counter");
  const [storeIds, setStoreIds] = useState<string[]>(staff?.storeIds ?? []);
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const save = useMutation({
    mutationFn: async () => {
      if (staff) {
        // Only what changed: a manager may rename themselves, not change their role or stores.
        const change = changedFields(staff, { name: name.trim(), role, storeIds });
        if (Object.keys(change).length === 0) return staff;
        return (await webApi.changeStaff(staff.id, change)).staff;
      }
      const created = await webApi.createStaff({
        email: email.trim(),
        name,
        role,
        storeIds,
        ...(password === "" ? {} : { password }),
      });
      return created.staff;
    },
    onSuccess: onDone,
  });

  const toggleStore = (id: string, on: boolean) => {
    const others = storeIds.filter((s) => s !== "*" && s !== id);
    if (id === "*") setStoreIds(on ? ["*"] : []);
    else setStoreIds(on ? [...others, id] : others);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (storeIds.length === 0) return setProblem("web.staff.noStores");
    setProblem(null);
    save.mutate();
  };

  return (
    <Dialog
      title={staff ? t("web.staff.editTitle", { name: staff.name }) : t("web.staff.create")}
      onClose={onClose}
    >
      <form onSubmit={onSubmit} className="web-form">
        {!staff && (
          <label>
            {t("web.staff.email")}
            <input
              type="email"
              name="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              required
              maxLength={254}
            />
          </label>
        )}
        <label>
          {t("web.staff.name")}
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={120}
          />
        </label>
        <label>
          {t("web.staff.role")}
          <select
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value as StaffRole)}
          >
            {STAFF_ROLES.map((option) => (
              <option key={option} value={option}>
                {t(ROLE_KEYS[option])}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="store-checks">
          <legend>{t("web.staff.stores")}</legend>
          {manager.allStores && (
            <label className="check">
              <input
                type="checkbox"
                checked={storeIds.includes("*")}
                onChange={(event) => toggleStore("*", event.target.checked)}
              />
              {t("web.manage.allStores")}
            </label>
          )}
          {stores.map((store) => (
            <label key={store.id} className="check">
              <input
                type="checkbox"
                checked={storeIds.includes(store.id)}
                disabled={storeIds.includes("*")}
                onChange={(event) => toggleStore(store.id, event.target.checked)}
              />
              {store.name}
            </label>
          ))}
        </fieldset>
        {!staff && (
          <label>
            {t("web.staff.password")}
            <input
              type="password"
              name="new-password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required={role === "manager"}
              minLength={12}
              maxLength={256}
            />
          </label>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {t(problem)}
          </p>
        )}
        {save.isError && (
          <p className="form-error" role="alert">
            {errorText(t, save.error, STAFF_ERRORS)}
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

function changedFields(
  before: StaffListing,
  after: { name: string; role: StaffRole; storeIds: string[] },
): StaffChange {
  const change: StaffChange = {};
  if (after.name !== before.name) change.name = after.name;
  if (after.role !== before.role) change.role = after.role;
  if ([...after.storeIds].sort().join() !== [...before.storeIds].sort().join()) {
    change.storeIds = after.storeIds;
  }
  return change;
}
