/**
 * /manage/password: change one's password (current, new, new again). The
 * other sessions of the account end; this one stays.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { useNavigatorOnline } from "../components/use-online.js";
import type { MessageKey } from "../i18n/fr.js";
import { useI18n } from "../i18n/i18n.js";
import { webApi } from "./api.js";
import { errorText } from "./error-text.js";
import { newPasswordProblem } from "./new-password.js";

export function PasswordPage() {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const change = useMutation({
    mutationFn: () => webApi.changePassword(current, password),
    onSuccess: () => {
      setCurrent("");
      setPassword("");
      setAgain("");
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = newPasswordProblem(password, again);
    setProblem(found);
    if (!found) change.mutate();
  };

  return (
    <section className="web-page web-card">
      <h1>{t("web.password.title")}</h1>
      <form onSubmit={onSubmit} className="web-form">
        <label>
          {t("web.password.current")}
          <input
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            required
            maxLength={256}
          />
        </label>
        <NewPasswordInputs
          password={password}
          again={again}
          onPassword={setPassword}
          onAgain={setAgain}
        />
        {problem && (
          <p className="form-error" role="alert">
            {t(problem)}
          </p>
        )}
        {change.isError && (
          <p className="form-error" role="alert">
            {errorText(t, change.error, { invalid_credentials: "web.password.wrongCurrent" })}
          </p>
        )}
        {change.isSuccess && (
          <p role="status">{t("web.password.changed", { count: change.data.revokedSessions })}</p>
        )}
        <button type="submit" className="primary" disabled={!online || change.isPending}>
          {t("web.save")}
        </button>
      </form>
    </section>
  );
}

/** The new password, twice (shared with the reset page). */
export function NewPasswordInputs(props: {
  password: string;
  again: string;
  onPassword: (value: string) => void;
  onAgain: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t("web.password.new")}
        <input
          type="password"
          name="new-password"
          autoComplete="new-password"
          value={props.password}
          onChange={(event) => props.onPassword(event.target.value)}
          required
          maxLength={256}
        />
      </label>
      <label>
        {t("web.password.again")}
        <input
          type="password"
          name="new-password-again"
          autoComplete="new-password"
          value={props.again}
          onChange={(event) => props.onAgain(event.target.value)}
          required
          maxLength={256}
        />
      </label>
    </>
  );
}
