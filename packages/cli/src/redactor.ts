/**
 * Keeps passwords out of everything the CLI prints: the password of the connection (raw and percent-encoded,
 * wherever it appears, error messages included) and the password part of any URL in the text.
 */

/** What replaces a password. */
export const REDACTED = '***';

/** `scheme://user:password@` — the password ends at the last `@` before the host. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s/]*@/gi;

/** Replaces known secrets and URL passwords in text before it is written anywhere. */
export class Redactor {
  readonly #forms: string[] = [];

  /**
   * Adds a secret to hide from now on (empty strings are ignored).
   *
   * @example
   * redactor.add(config.password);
   */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length === 0) return;
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      if (!this.#forms.includes(form)) this.#forms.push(form);
    }
    // Longest first, so a secret that contains another is replaced whole.
    this.#forms.sort((a, b) => b.length - a.length);
  }

  /**
   * The text with every URL password and known secret replaced by {@link REDACTED}.
   *
   * @example
   * new Redactor().text('mysql://root:s3cret@db:6001/'); // 'mysql://root:***@db:6001/'
   */
  text(text: string): string {
    const withoutUrlPasswords = text.replace(URL_PASSWORD, `$1:${REDACTED}@`);
    return this.#forms.reduce((result, form) => result.replaceAll(form, REDACTED), withoutUrlPasswords);
  }
}
