#!/usr/bin/env python3
"""
Independent reference for the tearsheet metrics (tests/unit/backtest/tearsheet-reference.test.ts).

Reads tearsheet-input.json (an equity curve, its benchmark and the closed trades, daily and sampled
at month ends) and computes every metric of DESIGN.md "Tearsheet metrics" plus the annualised ones
with pandas, numpy and scipy, from the written definitions only. Periods per year come from the
median spacing of the dates (252 daily, 52 weekly, 12 monthly).

Run:  /usr/bin/python3 tests/reference/backtest/tearsheet_reference.py > tests/reference/backtest/tearsheet-reference.json
(Debian: apt-get install python3-pandas python3-scipy)
"""
import itertools
import json
import math
import os

import numpy as np
import pandas as pd
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def periods_per_year(dates):
    spacing = pd.Series(dates).diff().dt.days.dropna().sort_values().to_numpy()
    median = spacing[(len(spacing) - 1) // 2]  # lower median
    if 1 <= median <= 4:
        return 252
    if 5 <= median <= 10:
        return 52
    if 20 <= median <= 40:
        return 12
    return 252


def calendar_returns(equity, freq):
    """Each calendar period's last value over the previous period's last (the start value first), in %."""
    ends = equity.groupby(equity.index.to_period(freq)).last()
    previous = ends.shift(1)
    previous.iloc[0] = equity.iloc[0]
    return (ends / previous - 1) * 100


def longest_run(flags):
    return max([len(list(g)) for k, g in itertools.groupby(flags) if k] or [0])


def metrics(case):
    dates = pd.to_datetime(case["dates"])
    equity = pd.Series(case["equity"], index=dates)
    bench = pd.Series(case["benchmark"], index=dates)
    p = periods_per_year(dates)
    r = equity.pct_change().dropna()
    rb = bench.pct_change().dropna()
    dd = equity / equity.cummax() - 1
    months = calendar_returns(equity, "M")
    years = calendar_returns(equity, "Y")
    sr = r.mean() / r.std(ddof=1)
    n = len(r)
    g1 = stats.skew(r, bias=False)
    g2 = stats.kurtosis(r, fisher=True, bias=False)
    psr = stats.norm.cdf(sr * math.sqrt(n - 1) / math.sqrt(1 - g1 * sr + (g2 + 3 - 1) / 4 * sr ** 2))
    active = r - rb
    downside = math.sqrt((np.minimum(r, 0) ** 2).mean())
    beta = np.cov(r, rb, ddof=1)[0, 1] / rb.var(ddof=1)
    pnl = pd.Series([t["pnl"] for t in case["trades"]])
    ret = pd.Series([t["returnPct"] for t in case["trades"]])
    return {
        "periodsPerYear": p,
        "cagrPct": ((equity.iloc[-1] / equity.iloc[0]) ** (p / n) - 1) * 100,
        "annualVolatilityPct": r.std(ddof=1) * math.sqrt(p) * 100,
        "sharpe": sr * math.sqrt(p),
        "sortino": r.mean() * p / (downside * math.sqrt(p)),
        "beta": beta,
        "alphaAnnualPct": ((1 + r.mean() - beta * rb.mean()) ** p - 1) * 100,
        "skew": r.skew(),
        "kurtosis": r.kurt(),
        "omega": r.clip(lower=0).sum() / (-r.clip(upper=0)).sum(),
        "tailRatio": abs(np.quantile(r, 0.95) / np.quantile(r, 0.05)),
        "ulcerIndexPct": 100 * math.sqrt((dd ** 2).mean()),
        "recoveryFactor": (equity.iloc[-1] / equity.iloc[0] - 1) / abs(dd.min()),
        "bestDayPct": 100 * r.max(),
        "worstDayPct": 100 * r.min(),
        "bestMonthPct": months.max(),
        "worstMonthPct": months.min(),
        "bestYearPct": years.max(),
        "worstYearPct": years.min(),
        "maxConsecutiveWins": longest_run(list(pnl > 0)),
        "maxConsecutiveLosses": longest_run(list(pnl <= 0)),
        "payoffRatio": ret[ret > 0].mean() / abs(ret[~(ret > 0)].mean()),
        "sqn": math.sqrt(len(pnl)) * pnl.mean() / pnl.std(ddof=1),
        "probabilisticSharpePct": 100 * psr,
        "informationRatio": active.mean() / active.std(ddof=1) * math.sqrt(p),
        "rSquared": stats.linregress(rb, r).rvalue ** 2,
    }


def main():
    with open(os.path.join(HERE, "tearsheet-input.json")) as fh:
        data = json.load(fh)
    out = {"source": "tests/reference/backtest/tearsheet_reference.py over tearsheet-input.json",
           "pandas": pd.__version__, "scipy": __import__("scipy").__version__}
    for name in ("daily", "monthly"):
        out[name] = {k: float(v) for k, v in metrics(data[name]).items()}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
