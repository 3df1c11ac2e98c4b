import type { TokenSource } from './graph-client';

/**
 * The token, renewed at most once per refusal: when the service (Graph or Partner Center) refuses a token,
 * the source is asked for a new one; when the new one is refused before any request succeeded with it,
 * renewing again would only repeat the same answer, so the run stops. Concurrent refusals of the same token
 * renew it once.
 */
export class TokenKeeper {
  private current:
    Promise<{ readonly ok: true; readonly value: string } | { readonly ok: false }> | undefined;
  private generation = 0;
  private renewedUnproven = false;

  constructor(private readonly source: TokenSource) {}

  async get(): Promise<
    { readonly ok: true; readonly value: string; readonly generation: number } | { readonly ok: false }
  > {
    const generation = this.generation;
    this.current ??= this.fetch();
    const token = await this.current;
    return token.ok ? { ...token, generation } : token;
  }

  proven(generation: number): void {
    if (generation === this.generation) this.renewedUnproven = false;
  }

  /** True when a new token is there to try. */
  async refused(generation: number): Promise<boolean> {
    if (generation === this.generation) {
      if (this.renewedUnproven) return false;
      this.generation++;
      this.renewedUnproven = true;
      this.current = this.fetch();
    }
    const token = await this.current;
    return token?.ok === true;
  }

  private async fetch(): Promise<{ readonly ok: true; readonly value: string } | { readonly ok: false }> {
    try {
      const value = await this.source();
      return value ? { ok: true, value } : { ok: false };
    } catch {
      // The source's error may quote the token; it is not logged.
      return { ok: false };
    }
  }
}
