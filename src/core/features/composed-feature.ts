import { operandText, parseOperand, type Operand } from './operands';

export type Comparison = '>' | '<' | 'crosses_above' | 'crosses_below';

/**
 * A user-composed 0/1 feature, e.g. `close > SMA(50)`, `RSI(14) < 30`, `EMA(12) crosses above EMA(26)`.
 * Saved with models and experiments in this declarative form (and as text, its name).
 */
export interface ComposedFeature {
  left: Operand;
  op: Comparison;
  right: Operand | number;
}

const opText: Record<Comparison, string> = { '>': '>', '<': '<', crosses_above: 'crosses above', crosses_below: 'crosses below' };

/** Canonical text, which is also the feature's column name: `EMA(12) crosses above EMA(26)`. */
export function featureText(feature: ComposedFeature): string {
  const right = typeof feature.right === 'number' ? String(feature.right) : operandText(feature.right);
  return `${operandText(feature.left)} ${opText[feature.op]} ${right}`;
}

export class FeatureSyntaxError extends Error {
  constructor(text: string, reason: string) {
    super(`feature "${text}": ${reason}`);
    this.name = 'FeatureSyntaxError';
  }
}

/** Parses `left op right`; throws FeatureSyntaxError saying what was expected. */
export function parseFeature(text: string): ComposedFeature {
  const match = /^(.+?)\s*(>|<|crosses[\s_]+above|crosses[\s_]+below)\s*(.+)$/i.exec(text.trim());
  if (!match) throw new FeatureSyntaxError(text, 'expected "<operand> >|<|crosses above|crosses below <operand or number>"');
  const left = parseOperand(match[1]);
  if (typeof left === 'string') throw new FeatureSyntaxError(text, left);
  const op = match[2].toLowerCase().replace(/[\s_]+/, '_') as Comparison;
  const rightText = match[3].trim();
  const number = Number(rightText);
  let right: Operand | number;
  if (rightText !== '' && Number.isFinite(number)) right = number;
  else {
    const parsed = parseOperand(rightText);
    if (typeof parsed === 'string') throw new FeatureSyntaxError(text, parsed);
    right = parsed;
  }
  return { left, op, right };
}

/**
 * Evaluates the comparison bar by bar as 1/0, NaN where any input is NaN (warm-up).
 * A cross at t needs t-1 too: crosses_above = left[t] > right[t] and left[t-1] <= right[t-1].
 */
export function evaluateComparison(left: Float64Array, op: Comparison, right: Float64Array | number): Float64Array {
  const n = left.length;
  // a constant right side is a column of that number: one loop for both cases
  const r = typeof right === 'number' ? new Float64Array(n).fill(right) : right;
  const out = new Float64Array(n);
  // one tight loop per comparison (this runs for every feature on every bar)
  if (op === '>') {
    for (let i = 0; i < n; i++) out[i] = left[i] !== left[i] || r[i] !== r[i] ? NaN : left[i] > r[i] ? 1 : 0;
  } else if (op === '<') {
    for (let i = 0; i < n; i++) out[i] = left[i] !== left[i] || r[i] !== r[i] ? NaN : left[i] < r[i] ? 1 : 0;
  } else {
    const above = op === 'crosses_above';
    if (n > 0) out[0] = NaN;
    for (let i = 1; i < n; i++) {
      const l = left[i];
      const lp = left[i - 1];
      const ri = r[i];
      const rp = r[i - 1];
      if (l !== l || ri !== ri || lp !== lp || rp !== rp) out[i] = NaN;
      else if (above) out[i] = l > ri && lp <= rp ? 1 : 0;
      else out[i] = l < ri && lp >= rp ? 1 : 0;
    }
  }
  return out;
}
