/**
 * mulberry32, seeded: reproducible numbers in [0, 1) for bench data, so every store and run sees
 * the same data. (The LCG the benches used before multiplied in doubles, lost precision and
 * repeated after 10,466 values, so most generated learners were copies of one another.)
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
