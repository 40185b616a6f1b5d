#!/usr/bin/env python3
"""
Independent reference for the Quant Lens backtester (tests/unit/backtest/reference.test.ts).

Re-implements, from the written conventions only (docs/backtest.md), an SMA crossover backtest on
the demo S&P 500 series with the conventions of the well-known Python backtesting libraries
(backtesting.py, backtrader): the signal is computed on bar t's close, the order fills at bar t+1's
open, slippage moves the fill against the trader, commission is charged on every fill, and an entry
commits all equity. Plain Python + numpy (no pandas), written as one explicit loop on purpose so that
it shares no structure with the TypeScript engine.

Run:  python3 tests/reference/backtest/sma_cross_reference.py > tests/fixtures/backtest/sma-cross-reference.json
"""
import csv
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
CSV = os.path.join(ROOT, "node_modules", "vega-datasets", "data", "sp500-2000.csv")


def load(path):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    dates = [r["date"] for r in rows]
    cols = {k: np.array([float(r[k]) for r in rows]) for k in ("open", "high", "low", "close")}
    return dates, cols


def rolling_mean(x, n):
    out = np.full(len(x), np.nan)
    c = np.cumsum(np.insert(x, 0, 0.0))
    out[n - 1:] = (c[n:] - c[:-n]) / n
    return out


def backtest(dates, px, fast, slow, capital, commission, slippage, allow_short, whole):
    f = rolling_mean(px["close"], fast)
    s = rolling_mean(px["close"], slow)
    cash, qty = capital, 0.0
    avg = 0.0
    trade = None  # dict with entry info of the open round trip
    trades = []
    pending = None  # target: +1 long all-in, 0 flat, -1 short all-in
    last_sign = 0
    equity = []
    for t, date in enumerate(dates):
        o, c = px["open"][t], px["close"][t]
        if pending is not None:
            target = pending
            pending = None
            e_open = cash + qty * o
            # close or reduce the current position first
            if qty > 0 and target <= 0:
                p = o * (1 - slippage)
                fee = qty * p * commission
                cash += qty * p - fee
                trade["gross"] += qty * (p - avg)
                trade["fees"] += fee
                trades.append(close_trade(trade, date, p))
                qty, trade = 0.0, None
            if qty < 0 and target >= 0:
                p = o * (1 + slippage)
                fee = -qty * p * commission
                cash -= -qty * p + fee
                trade["gross"] += -qty * (avg - p)
                trade["fees"] += fee
                trades.append(close_trade(trade, date, p))
                qty, trade = 0.0, None
            if target > 0 and qty == 0:
                p = o * (1 + slippage)
                n = cash / (p * (1 + commission))
                if whole:
                    n = math.floor(min(n, e_open / p))
                fee = n * p * commission
                cash -= n * p + fee
                qty, avg = n, p
                trade = {"dir": "long", "entry": date, "price": p, "qty": n, "gross": 0.0, "fees": fee}
            if target < 0 and qty == 0:
                p = o * (1 - slippage)
                n = e_open / p
                if whole:
                    n = math.trunc(n)
                fee = n * p * commission
                cash += n * p - fee
                qty, avg = -n, p
                trade = {"dir": "short", "entry": date, "price": p, "qty": n, "gross": 0.0, "fees": fee}
        equity.append(cash + qty * c)
        d = f[t] - s[t]
        if not np.isnan(d) and d != 0 and t < len(dates) - 1:
            sign = 1 if d > 0 else -1
            if last_sign != 0 and sign != last_sign:
                pending = 1 if sign > 0 else (-1 if allow_short else 0)
            last_sign = sign
    open_trades = 1 if qty != 0 else 0
    return np.array(equity), trades, open_trades


def close_trade(trade, date, exit_price):
    pnl = trade["gross"] - trade["fees"]
    y0, m0, d0 = map(int, trade["entry"].split("-"))
    y1, m1, d1 = map(int, date.split("-"))
    import datetime as dt
    days = (dt.date(y1, m1, d1) - dt.date(y0, m0, d0)).days
    return {
        "direction": trade["dir"], "entryDate": trade["entry"], "exitDate": date,
        "entryPrice": trade["price"], "exitPrice": exit_price, "quantity": trade["qty"],
        "pnl": pnl, "returnPct": pnl / (trade["qty"] * trade["price"]) * 100, "durationDays": days,
    }


def metrics(dates, equity, bench, trades):
    r = equity[1:] / equity[:-1] - 1
    rb = bench[1:] / bench[:-1] - 1
    n = len(r)
    cagr = (equity[-1] / equity[0]) ** (252 / n) - 1
    peak = np.maximum.accumulate(equity)
    dd = equity / peak - 1
    mdd = dd.min()
    beta = np.cov(r, rb, ddof=1)[0, 1] / np.var(rb, ddof=1)
    alpha = (1 + r.mean() - beta * rb.mean()) ** 252 - 1
    pnls = np.array([t["pnl"] for t in trades])
    rets = np.array([t["returnPct"] for t in trades])
    q05 = np.quantile(r, 0.05)
    return {
        "finalValue": float(equity[-1]),
        "totalReturnPct": float((equity[-1] / equity[0] - 1) * 100),
        "benchmarkReturnPct": float((bench[-1] / bench[0] - 1) * 100),
        "cagrPct": float(cagr * 100),
        "annualVolatilityPct": float(r.std(ddof=1) * math.sqrt(252) * 100),
        "sharpe": float(r.mean() / r.std(ddof=1) * math.sqrt(252)),
        "sortino": float(r.mean() * 252 / (math.sqrt(np.mean(np.minimum(r, 0) ** 2)) * math.sqrt(252))),
        "maxDrawdownPct": float(mdd * 100),
        "calmar": float(cagr / abs(mdd)),
        "beta": float(beta),
        "alphaAnnualPct": float(alpha * 100),
        "var95Pct": float(-q05 * 100),
        "cvar95Pct": float(-r[r <= q05].mean() * 100),
        "trades": len(trades),
        "winRatePct": float((pnls > 0).mean() * 100),
        "bestTradePct": float(rets.max()),
        "worstTradePct": float(rets.min()),
        "averageTradePct": float(rets.mean()),
        "profitFactor": float(pnls[pnls > 0].sum() / -pnls[pnls <= 0].sum()),
        "expectancy": float(pnls.mean()),
        "averageTradeDays": float(np.mean([t["durationDays"] for t in trades])),
    }


def main():
    dates, px = load(CSV)
    capital, commission, slippage = 100_000.0, 0.001, 0.0005
    bench = capital * px["close"] / px["close"][0]
    scenarios = [
        ("long-only", dict(fast=10, slow=30, allow_short=False, whole=False)),
        ("long-short-whole-shares", dict(fast=10, slow=30, allow_short=True, whole=True)),
        ("long-only-20-50", dict(fast=20, slow=50, allow_short=False, whole=False)),
    ]
    out = {"source": "node_modules/vega-datasets/data/sp500-2000.csv", "capital": capital,
           "commission": commission, "slippage": slippage, "scenarios": {}}
    for name, opts in scenarios:
        equity, trades, open_trades = backtest(dates, px, capital=capital, commission=commission, slippage=slippage, **opts)
        out["scenarios"][name] = {
            "settings": opts, "openTrades": open_trades, "metrics": metrics(dates, equity, bench, trades),
            "trades": trades,
            "equitySample": {d: float(equity[i]) for i, d in enumerate(dates) if i % 250 == 0 or i == len(dates) - 1},
        }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
