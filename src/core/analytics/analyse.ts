/**
 * Everything the Analytics tab shows for a set of value curves, in one pure call (run in the compute
 * worker so long histories and many curves never block the page). Each curve's own measures use its
 * own frequency (a 3-month window is 63 days of daily data, 3 bars of monthly data); comparisons and
 * correlations use the common dates of align.ts and list the series left out.
 */
import { correlationMatrix, periodsPerYear, windowInPeriods } from '../metrics';
import { alignCurves, uniqueNames, type LeftOut } from './align';
import { curveAsSeries, normalisedComparison, type Comparison, type ValueCurve } from './curves';
import { riskProfile, type RiskProfile } from './risk-profile';

export interface CurveAnalysis {
  /** One per curve, in the order given (names made unique). */
  profiles: RiskProfile[];
  comparison: Comparison;
  correlation: { symbols: string[]; matrix: number[][] };
  /** Series the comparison and correlation could not include, and why. */
  leftOut: LeftOut[];
}

export function analyseCurves(curves: readonly ValueCurve[], windowMonths: number, benchmark?: ValueCurve): CurveAnalysis {
  const named = uniqueNames(curves);
  const aligned = alignCurves(named);
  return {
    profiles: named.map((c) => riskProfile(c, windowInPeriods(periodsPerYear(c.dates), windowMonths), benchmark)),
    comparison: normalisedComparison(aligned),
    correlation: correlationMatrix(aligned.curves.map((c) => curveAsSeries({ name: c.name, dates: aligned.dates, values: c.values }))),
    leftOut: aligned.leftOut,
  };
}
