/**
 * Fractional Kelly position sizing (DESIGN.md "Kelly sizing"):
 *   f* = p - (1 - p) / b    (p: probability of winning, b: payoff ratio = average win / average loss)
 *   weight = kellyFraction * f*, capped at maxPositionWeight and at riskPerTrade / stopDistance,
 * where stopDistance is the fraction of the position lost if the stop-loss is hit, so that a stopped-out
 * trade costs at most riskPerTrade of equity. A negative edge gives weight 0 (no trade).
 */
export interface KellySettings {
  kellyFraction: number;
  maxPositionWeight: number;
  riskPerTrade: number;
}

export function kellyOptimalFraction(winProbability: number, payoffRatio: number): number {
  if (!(payoffRatio > 0)) return 0;
  return winProbability - (1 - winProbability) / payoffRatio;
}

export function kellyWeight(winProbability: number, payoffRatio: number, stopDistance: number, settings: KellySettings): number {
  const edge = kellyOptimalFraction(winProbability, payoffRatio);
  if (!(edge > 0)) return 0;
  const riskCap = stopDistance > 0 ? settings.riskPerTrade / stopDistance : Infinity;
  return Math.min(settings.kellyFraction * edge, settings.maxPositionWeight, riskCap);
}
