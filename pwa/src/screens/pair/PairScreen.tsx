/**
 * Pairing (/pair): the manager's one-time code and a name for this counter go
 * to the server; the credential and store come back and are kept in
 * IndexedDB with a new PIN key for staff sign-in; the first pull then loads
 * the menu.
 */
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";

import { navigate } from "../../app/router.js";
import { useServices } from "../../app/services.js";
import { useMeta } from "../../app/data-hooks.js";
import { savePairing } from "../../db/pairing.js";
import { useI18n, type I18n } from "../../i18n/i18n.js";
import { saveStaffList } from "../../staff/staff-list.js";
import { ApiError, NetworkError } from "../../sync/api.js";
import "./pair.css";

export function PairScreen({ paired }: { paired: boolean }) {
  const { t } = useI18n();
  const { db, api, engine } = useServices();
  const meta = useMeta();
  const [code, setCode] = useState("");
  const [name, setName] = useState(() => t("pair.defaultName"));

  const pairing = useMutation({
    mutationFn: async () => {
      const response = await api.pair({ code: code.trim().toUpperCase(), name: name.trim() });
      await savePairing(db, response, name.trim());
      // The team, so staff can sign in at once (the sign-in dialog fetches it again anyway).
      await api
        .staff(response.token)
        .then((list) => saveStaffList(db, list))
        .catch(() => undefined);
      return response;
    },
    onSuccess: () => void engine.syncNow(),
  });

  // Go to the counter once the stored credential is seen (the shell would send us back before).
  useEffect(() => {
    if (pairing.isSuccess && paired) navigate("/", { replace: true });
  }, [pairing.isSuccess, paired]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!pairing.isPending) pairing.mutate();
  };

  if (paired && meta?.store) {
    return (
      <section className="pair-screen">
        <h1>{t("pair.title")}</h1>
        <p>{t("pair.done", { store: meta.store.name })}</p>
        <button type="button" className="primary big" onClick={() => navigate("/")}>
          {t("nav.counter")}
        </button>
      </section>
    );
  }

  return (
    <section className="pair-screen">
      <h1>{t("pair.title")}</h1>
      <p>{t("pair.intro")}</p>
      <form onSubmit={onSubmit} className="pair-form">
        <label>
          {t("pair.code")}
          <input
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              // The error was about the previous code: it goes as soon as the clerk edits it.
              if (pairing.isError) pairing.reset();
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            minLength={4}
            maxLength={32}
            className="pair-code"
          />
        </label>
        <label>
          {t("pair.name")}
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={80}
          />
        </label>
        {pairing.isError && (
          <p className="form-error" role="alert">
            {pairingError(t, pairing.error)}
          </p>
        )}
        <button type="submit" className="primary big" disabled={pairing.isPending}>
          {pairing.isPending ? t("pair.submitting") : t("pair.submit")}
        </button>
      </form>
    </section>
  );
}

function pairingError(t: I18n["t"], error: unknown): string {
  if (error instanceof NetworkError) return t("pair.network");
  if (error instanceof ApiError) {
    if (error.code === "pairing_code_invalid") return t("pair.invalidCode");
    if (error.status >= 500) return t("pair.network");
    return t("pair.failed", { code: error.code, message: error.message });
  }
  return t("pair.failed", {
    code: "device",
    message: error instanceof Error ? error.message : String(error),
  });
}
