/**
 * Everything the Analytics tab shows for a set of value curves, in one pure call (run in the compute
 * worker so long histories and many curves never block the page).
 */
import { correlationMatrix } from '../metrics';
import { curveAsSeries, normalisedComparison, type Comparison, type ValueCurve } from './curves';
import { riskProfile, type RiskProfile } from './risk-profile';

export interface CurveAnalysis {
  /** One per curve, in the order given. */
  profiles: RiskProfile[];
  comparison: Comparison;
  correlation: { symbols: string[]; matrix: number[][] };
}

export function analyseCurves(curves: readonly ValueCurve[], windowDays: number, benchmark?: ValueCurve): CurveAnalysis {
  return {
    profiles: curves.map((c) => riskProfile(c, windowDays, benchmark)),
    comparison: normalisedComparison(curves),
    correlation: correlationMatrix(curves.map(curveAsSeries)),
  };
}
