/**
 * /verify-email?token=...: the page the sign-up mail links to. Confirming
 * takes a click, not just opening the page, so a mail scanner that follows
 * links does not use the single-use token up.
 */
import { useMutation } from "@tanstack/react-query";

import { useNavigatorOnline } from "../components/use-online.js";
import { useI18n } from "../i18n/i18n.js";
import { webApi } from "../manage/api.js";
import { errorText } from "../manage/error-text.js";
import { useLinkToken } from "./token.js";

export function VerifyEmailPage() {
  const { t } = useI18n();
  const online = useNavigatorOnline();
  const token = useLinkToken();
  const verify = useMutation({ mutationFn: () => webApi.verifyEmail(token!) });

  if (!token) return <p className="form-error web-card">{t("web.verify.invalid")}</p>;
  return (
    <section className="web-card">
      <h1>{t("web.verify.title")}</h1>
      {verify.isSuccess ? (
        <p role="status">{t("web.verify.done")}</p>
      ) : (
        <>
          <p>{t("web.verify.intro")}</p>
          {verify.isError && (
            <p className="form-error" role="alert">
              {errorText(t, verify.error, { verification_token_invalid: "web.verify.invalid" })}
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={!online || verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t("web.verify.submit")}
          </button>
        </>
      )}
    </section>
  );
}
