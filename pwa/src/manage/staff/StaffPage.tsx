/**
 * /manage/staff: the store's staff (role, stores, active or not), adding
 * someone, and per person: edit name, role and stores, disable or enable
 * (after a confirmation: their sessions end at once), and set their PIN.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import type { StaffListing } from "@ocpizza/schema";

import { Dialog } from "../../components/Dialog.js";
import { useNavigatorOnline } from "../../components/use-online.js";
import { useI18n } from "../../i18n/i18n.js";
import { webApi } from "../api.js";
import { errorText } from "../error-text.js";
import { useManager } from "../ManageShell.js";
import { StorePicker, useStores } from "../StorePicker.js";
import { PinDialog } from "./PinDialog.js";
import { ROLE_KEYS, STAFF_ERRORS, StaffDialog } from "./StaffDialog.js";

type Editing = { kind: "create" } | { kind: "edit" | "pin" | "disable"; staff: StaffListing };

export function StaffPage() {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const manager = useManager();
  const client = useQueryClient();
  const [storeId, setStoreId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const storeNames = new Map((useStores().data?.stores ?? []).map((s) => [s.id, s.name]));

  const staff = useQuery({
    queryKey: ["staff", storeId],
    queryFn: () => webApi.staff(storeId),
    enabled: online && (storeId !== null || manager.allStores),
  });
  const toggle = useMutation({
    mutationFn: (target: StaffListing) =>
      webApi.changeStaff(target.id, { disabled: !target.disabled }),
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: ["staff"] });
    },
  });
  const done = async (message: string) => {
    setEditing(null);
    setNotice(message);
    await client.invalidateQueries({ queryKey: ["staff"] });
  };
  // A manager of some stores manages only staff whose stores are all theirs.
  const canManage = (person: StaffListing) =>
    manager.allStores || person.storeIds.every((id) => manager.storeIds.includes(id));
  const storesOf = (ids: string[]) =>
    ids.map((id) => (id === "*" ? t("web.manage.allStores") : (storeNames.get(id) ?? id)));

  return (
    <section className="web-page">
      <h1>{t("web.staff.title")}</h1>
      <div className="web-toolbar">
        <StorePicker value={storeId} onChange={setStoreId} />
        <button
          type="button"
          className="primary"
          disabled={!online}
          onClick={() => setEditing({ kind: "create" })}
        >
          {t("web.staff.create")}
        </button>
      </div>
      {notice && <p role="status">{notice}</p>}
      {staff.isError && (
        <p className="form-error" role="alert">
          {errorText(t, staff.error)}
        </p>
      )}
      {staff.data && staff.data.staff.length === 0 && <p>{t("web.staff.none")}</p>}
      {staff.data && staff.data.staff.length > 0 && (
        <table className="web-table">
          <thead>
            <tr>
              <th>{t("web.staff.name")}</th>
              <th>{t("web.staff.email")}</th>
              <th>{t("web.staff.role")}</th>
              <th>{t("web.staff.stores")}</th>
              <th>{t("web.staff.state")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {staff.data.staff.map((person) => (
              <tr key={person.id} data-staff-id={person.id}>
                <td>{person.name}</td>
                <td>{person.email}</td>
                <td>{t(ROLE_KEYS[person.role])}</td>
                <td>{storesOf(person.storeIds).join(", ")}</td>
                <td>{person.disabled ? t("web.staff.disabled") : t("web.staff.enabled")}</td>
                <td className="row-actions">
                  {canManage(person) && (
                    <StaffActions
                      person={person}
                      self={person.id === manager.id}
                      busy={!online || toggle.isPending}
                      onEdit={() => setEditing({ kind: "edit", staff: person })}
                      onPin={() => setEditing({ kind: "pin", staff: person })}
                      onToggle={() =>
                        person.disabled
                          ? toggle.mutate(person)
                          : setEditing({ kind: "disable", staff: person })
                      }
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {toggle.isError && !editing && (
        <p className="form-error" role="alert">
          {errorText(t, toggle.error, STAFF_ERRORS)}
        </p>
      )}

      {editing?.kind === "create" && (
        <StaffDialog
          onClose={() => setEditing(null)}
          onDone={(saved) => done(t("web.staff.created", { name: saved.name }))}
        />
      )}
      {editing?.kind === "edit" && (
        <StaffDialog
          staff={editing.staff}
          onClose={() => setEditing(null)}
          onDone={() => done("")}
        />
      )}
      {editing?.kind === "pin" && (
        <PinDialog
          staff={editing.staff}
          onClose={() => setEditing(null)}
          onDone={() => done(t("web.staff.pinSaved", { name: editing.staff.name }))}
        />
      )}
      {editing?.kind === "disable" && (
        <Dialog
          title={t("web.staff.disableTitle", { name: editing.staff.name })}
          onClose={() => setEditing(null)}
        >
          <p>{t("web.staff.disableText")}</p>
          {toggle.isError && (
            <p className="form-error" role="alert">
              {errorText(t, toggle.error, STAFF_ERRORS)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setEditing(null)}>
              {t("web.cancel")}
            </button>
            <button
              type="button"
              className="danger"
              disabled={!online || toggle.isPending}
              onClick={() => toggle.mutate(editing.staff)}
            >
              {t("web.staff.disable")}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function StaffActions(props: {
  person: StaffListing;
  self: boolean;
  busy: boolean;
  onEdit: () => void;
  onPin: () => void;
  onToggle: () => void;
}) {
  const { t } = useI18n();
  const { person } = props;
  return (
    <>
      <button type="button" disabled={props.busy} onClick={props.onEdit}>
        {t("web.staff.edit")}
      </button>
      <button type="button" disabled={props.busy} onClick={props.onPin}>
        {t("web.staff.pin")}
      </button>
      {!props.self && (
        <button
          type="button"
          className={person.disabled ? undefined : "danger"}
          disabled={props.busy}
          onClick={props.onToggle}
        >
          {person.disabled ? t("web.staff.enable") : t("web.staff.disable")}
        </button>
      )}
    </>
  );
}
