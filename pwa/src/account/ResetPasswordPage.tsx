/**
 * /reset-password?token=...: the page the reset mail links to. The new
 * password twice, checked here (length, both equal) and by the server; an
 * unknown, expired or used link says to ask for a new one.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { useNavigatorOnline } from "../components/use-online.js";
import type { MessageKey } from "../i18n/fr.js";
import { useI18n } from "../i18n/i18n.js";
import { webApi } from "../manage/api.js";
import { errorText } from "../manage/error-text.js";
import { newPasswordProblem } from "../manage/new-password.js";
import { NewPasswordInputs } from "../manage/PasswordPage.js";
import { useLinkToken } from "./token.js";

export function ResetPasswordPage() {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const token = useLinkToken();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const confirm = useMutation({ mutationFn: () => webApi.confirmReset(token!, password) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = newPasswordProblem(password, again);
    setProblem(found);
    if (!found) confirm.mutate();
  };

  if (!token) return <p className="form-error web-card">{t("web.reset.noToken")}</p>;
  if (confirm.isSuccess) {
    return (
      <section className="web-card" role="status">
        <h1>{t("web.reset.title")}</h1>
        <p>{t("web.reset.done")}</p>
        <p className="web-links">
          <a href="/account">{t("web.reset.toAccount")}</a>
          <a href="/manage">{t("web.reset.toManage")}</a>
        </p>
      </section>
    );
  }
  return (
    <section className="web-card">
      <h1>{t("web.reset.title")}</h1>
      <form onSubmit={onSubmit} className="web-form">
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
        {confirm.isError && (
          <p className="form-error" role="alert">
            {errorText(t, confirm.error, {
              reset_token_invalid: "web.reset.invalid",
              invalid_message: "web.reset.invalid",
            })}
          </p>
        )}
        <button type="submit" className="primary" disabled={!online || confirm.isPending}>
          {t("web.reset.submit")}
        </button>
      </form>
    </section>
  );
}
