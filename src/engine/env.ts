/**
 * What the engine reads from the outside world besides files and the database: the clock and
 * randomness. Scenarios freeze both (time at 2026-01-02 03:04:05 UTC, like the parity oracle).
 */
export interface Env {
  /** Current time (UTC instant). */
  now(): Date;
  /** 16 random bytes for uuid4. */
  randomBytes(n: number): Uint8Array;
}

export const systemEnv: Env = {
  now: () => new Date(),
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
};

/** The instant the parity corpus was recorded at. */
export const FROZEN_NOW = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

/** A deterministic environment: fixed clock, seeded pseudo-random bytes. */
export function frozenEnv(seed = 0x2026): Env {
  let s = seed >>> 0;
  return {
    now: () => new Date(FROZEN_NOW.getTime()),
    randomBytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        // xorshift32
        s ^= s << 13;
        s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5;
        s >>>= 0;
        out[i] = s & 0xff;
      }
      return out;
    },
  };
}
