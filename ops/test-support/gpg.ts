/**
 * A throwaway backup key pair for a test: a private GNUPGHOME holding the
 * secret key (what restore.sh needs) and the exported public key file (what
 * backup.sh encrypts to). No passphrase; removed with the test's folder.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface BackupKeys {
  gnupgHome: string;
  publicKeyFile: string;
}

export function makeBackupKeys(dir: string): BackupKeys {
  const gnupgHome = join(dir, "gnupg");
  mkdirSync(gnupgHome, { mode: 0o700 });
  const gpg = (...args: string[]) =>
    execFileSync("gpg", ["--batch", "--quiet", "--passphrase", "", ...args], {
      env: { ...process.env, GNUPGHOME: gnupgHome },
      stdio: ["ignore", "pipe", "ignore"],
    }).toString();

  gpg("--quick-gen-key", "OC Pizza backup test <ops@ocpizza.test>", "ed25519", "cert", "1d");
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(gpg("--list-keys", "--with-colons"))![1];
  gpg("--quick-add-key", fingerprint, "cv25519", "encr", "1d");
  const publicKeyFile = join(dir, "backup-public-key.asc");
  writeFileSync(publicKeyFile, gpg("--armor", "--export", fingerprint));
  return { gnupgHome, publicKeyFile };
}
