#!/usr/bin/env python3
"""
Independent reference for Quant Lens indicators, seed features, targets and the dual logistic models.

Everything is written from the definitions in DESIGN.md with numpy/scipy only (pandas and scikit-learn
are not installed here): pandas `ewm(adjust=False)` / `rolling` semantics are re-implemented with plain
loops, and the logistic regressions minimise scikit-learn's LogisticRegression(C) objective
    sum_i s_i * logloss_i + 0.5 * ||w||^2 / C      (intercept unpenalised)
with scipy.optimize.minimize (L-BFGS-B, analytic gradient, tight tolerances), then polished with a few
exact Newton steps checked by the gradient norm. The TypeScript implementation shares no code with this.

Usage: python3 tests/reference/ml/logistic_reference.py  (writes tests/fixtures/ml/sp500-reference.json)
"""
import csv
import json
import math
import os

import numpy as np
from scipy.optimize import minimize
from scipy.stats import rankdata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
DATA = os.path.join(ROOT, "node_modules/vega-datasets/data/sp500-2000.csv")
OUT = os.path.join(ROOT, "tests/fixtures/ml/sp500-reference.json")

SEED = [
    "price_above_ema9", "price_above_ema30", "ema9_above_ema30", "macd_above_signal", "macd_above_zero",
    "macd_positive_hist", "ha_uptrend", "volume_above_average", "price_momentum_strong",
]


def load():
    with open(DATA) as f:
        rows = list(csv.DictReader(f))
    cols = {k: np.array([float(r[k]) for r in rows]) for k in ["open", "high", "low", "close", "volume"]}
    return [r["date"] for r in rows], cols


def ewm(x, alpha):
    """pandas ewm(alpha, adjust=False).mean() for inputs whose NaNs are all leading."""
    out = np.full(len(x), np.nan)
    prev = np.nan
    for i, v in enumerate(x):
        if np.isnan(prev):
            prev = v
        elif not np.isnan(v):
            prev = alpha * v + (1 - alpha) * prev
        out[i] = prev
    return out


def ema(x, n):
    return ewm(x, 2.0 / (n + 1))


def rolling(x, n, fn):
    out = np.full(len(x), np.nan)
    for i in range(n - 1, len(x)):
        w = x[i - n + 1 : i + 1]
        if not np.isnan(w).any():
            out[i] = fn(w)
    return out


def rsi(close, n=14):
    d = np.concatenate([[np.nan], np.diff(close)])
    gain = np.where(np.isnan(d), np.nan, np.maximum(d, 0))
    loss = np.where(np.isnan(d), np.nan, np.maximum(-d, 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100 - 100 / (1 + ewm(gain, 1.0 / n) / ewm(loss, 1.0 / n))


def wilder_sma_seed(x, n):
    out = np.full(len(x), np.nan)
    avg = x[:n].mean()
    out[n - 1] = avg
    for i in range(n, len(x)):
        avg = (avg * (n - 1) + x[i]) / n
        out[i] = avg
    return out


def indicators(c):
    o, h, l, cl, v = c["open"], c["high"], c["low"], c["close"], c["volume"]
    ind = {}
    ind["sma20"] = rolling(cl, 20, np.mean)
    ind["sma50"] = rolling(cl, 50, np.mean)
    for n in (9, 30, 50, 200):
        ind[f"ema{n}"] = ema(cl, n)
    macd = ema(cl, 12) - ema(cl, 26)
    ind["macd"] = macd
    ind["macd_signal"] = ema(macd, 9)
    ind["macd_hist"] = macd - ind["macd_signal"]
    ind["rsi14"] = rsi(cl)
    ret = np.concatenate([[np.nan], cl[1:] / cl[:-1] - 1])
    ind["volatility20"] = rolling(ret, 20, lambda w: np.std(w, ddof=1)) * math.sqrt(252)
    ha_close = (o + h + l + cl) / 4
    ha_open = np.empty(len(cl))
    ha_open[0] = (o[0] + cl[0]) / 2
    for i in range(1, len(cl)):
        ha_open[i] = (ha_open[i - 1] + ha_close[i - 1]) / 2
    ind["ha_open"] = ha_open
    ind["ha_high"] = np.maximum.reduce([h, ha_open, ha_close])
    ind["ha_low"] = np.minimum.reduce([l, ha_open, ha_close])
    ind["ha_close"] = ha_close
    ind["volume_sma20"] = rolling(v, 20, np.mean)
    ind["roc10"] = np.concatenate([np.full(10, np.nan), cl[10:] / cl[:-10] - 1])
    sd = rolling(cl, 20, lambda w: np.std(w, ddof=0))
    ind["bb_upper20"] = ind["sma20"] + 2 * sd
    ind["bb_lower20"] = ind["sma20"] - 2 * sd
    prev = np.concatenate([[np.nan], cl[:-1]])
    tr = np.maximum.reduce([h - l, np.abs(h - prev), np.abs(l - prev)])
    tr[0] = h[0] - l[0]
    ind["atr14"] = wilder_sma_seed(tr, 14)
    return ind


def binary(a, b):
    a, b = np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float))
    return np.where(np.isnan(a) | np.isnan(b), np.nan, (a > b).astype(float))


def seed_features(c, ind):
    return {
        "price_above_ema9": binary(c["low"], ind["ema9"]),
        "price_above_ema30": binary(c["low"], ind["ema30"]),
        "ema9_above_ema30": binary(ind["ema9"], ind["ema30"]),
        "macd_above_signal": binary(ind["macd"], ind["macd_signal"]),
        "macd_above_zero": binary(ind["macd"], 0),
        "macd_positive_hist": binary(ind["macd_hist"], 0),
        "ha_uptrend": binary(ind["ha_close"], ind["ha_open"]),
        "volume_above_average": binary(c["volume"], ind["volume_sma20"]),
        "price_momentum_strong": binary(ind["roc10"], 0.05),
    }


def objective(theta, X, y, s, C):
    w, b = theta[:-1], theta[-1]
    z = X @ w + b
    loss = s * (np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y))
    p = 1 / (1 + np.exp(-z))
    r = s * (p - y)
    grad = np.concatenate([X.T @ r + w / C, [r.sum()]])
    return loss.sum() + 0.5 * w @ w / C, grad


def fit(X, y, C=1.0, class_weight=None):
    if class_weight == "balanced":
        n, npos = len(y), y.sum()
        s = np.where(y == 1, n / (2 * npos), n / (2 * (n - npos)))
    else:
        s = np.ones(len(y))
    k = X.shape[1] + 1
    res = minimize(objective, np.zeros(k), args=(X, y, s, C), jac=True, method="L-BFGS-B",
                   options={"maxiter": 10000, "ftol": 1e-15, "gtol": 1e-11, "maxcor": 30})
    theta = res.x
    # Polish: exact Newton steps from the L-BFGS point (the objective is strictly convex).
    for _ in range(20):
        z = X @ theta[:-1] + theta[-1]
        p = 1 / (1 + np.exp(-z))
        A = np.column_stack([X, np.ones(len(y))])
        H = (A * (s * p * (1 - p))[:, None]).T @ A + np.diag(np.r_[np.full(X.shape[1], 1 / C), 0.0])
        step = np.linalg.solve(H, objective(theta, X, y, s, C)[1])
        theta = theta - step
        if np.abs(step).max() < 1e-13:
            break
    grad_norm = float(np.abs(objective(theta, X, y, s, C)[1]).max())
    return theta[:-1], float(theta[-1]), grad_norm, float(objective(theta, X, y, s, C)[0])


def auc(score, y):
    ranks = rankdata(score)  # average ranks for ties (Mann-Whitney)
    npos = y.sum()
    nneg = len(y) - npos
    return float((ranks[y == 1].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def clean(a):
    return [None if (isinstance(v, float) and math.isnan(v)) else v for v in (float(x) for x in a)]


def main():
    dates, c = load()
    ind = indicators(c)
    feats = seed_features(c, ind)
    n = len(dates)
    sample = sorted(set(list(range(60)) + list(range(60, n, 10)) + [n - 1]))

    h = 10
    fr = np.concatenate([c["close"][h:] / c["close"][:-h] - 1, np.full(h, np.nan)])
    X_all = np.column_stack([feats[f] for f in SEED])
    eligible = ~np.isnan(X_all).any(axis=1) & ~np.isnan(fr)
    idx = np.nonzero(eligible)[0]
    X = X_all[idx]
    r = fr[idx]
    y = {"buy": (r > 0.02).astype(float), "sell": (r < -0.03).astype(float)}
    m = len(idx)
    cut_date = dates[idx[int(np.floor(0.8 * m))]]
    train = np.array([dates[i] < cut_date for i in idx])
    test = ~train

    models = {}
    for weighting in (None, "balanced"):
        key = weighting or "none"
        models[key] = {}
        for side in ("buy", "sell"):
            w, b, g, f = fit(X[train], y[side][train], 1.0, weighting)
            z = X @ w + b
            models[key][side] = {
                "coefficients": dict(zip(SEED, map(float, w))), "intercept": b, "gradientMaxAbs": g, "objective": f,
                "auc": {"train": auc(z[train], y[side][train]), "test": auc(z[test], y[side][test])},
                "nTrain": int(train.sum()), "nTest": int(test.sum()),
                "baseRate": {"train": float(y[side][train].mean()), "test": float(y[side][test].mean())},
            }

    rng = np.random.default_rng(20261121)
    Xs = rng.normal(size=(300, 3)) * np.array([1.0, 2.0, 0.5])
    ys = (rng.random(300) < 1 / (1 + np.exp(-(0.3 + Xs @ np.array([1.2, -0.4, 2.0]))))).astype(float)
    synthetic = {"x": Xs.round(6).tolist(), "y": ys.astype(int).tolist(), "fits": []}
    Xs = Xs.round(6)
    for C, cw in ((1.0, None), (0.05, None), (1.0, "balanced")):
        w, b, g, f = fit(Xs, ys, C, cw)
        synthetic["fits"].append({"C": C, "classWeight": cw or "none", "weights": w.tolist(), "intercept": b, "gradientMaxAbs": g, "objective": f})

    out = {
        "source": "node_modules/vega-datasets/data/sp500-2000.csv (S&P 500 daily, 2000-2020)",
        "generator": "tests/reference/ml/logistic_reference.py (numpy %s, scipy L-BFGS-B)" % np.__version__,
        "bars": n,
        "sample": {"index": sample, "date": [dates[i] for i in sample],
                   "indicators": {k: clean(v[sample]) for k, v in ind.items()},
                   "features": {k: clean(v[sample]) for k, v in feats.items()}},
        "dataset": {"rows": m, "firstDate": dates[idx[0]], "lastDate": dates[idx[-1]], "cutDate": cut_date,
                    "buyRate": float(y["buy"].mean()), "sellRate": float(y["sell"].mean())},
        "models": models,
        "synthetic": synthetic,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", OUT, "rows", m, "cut", cut_date)
    for key, sides in models.items():
        for side, mod in sides.items():
            print(key, side, "auc", mod["auc"], "grad", mod["gradientMaxAbs"])
    for fitr in synthetic["fits"]:
        print("synthetic", fitr["C"], fitr["classWeight"], "grad", fitr["gradientMaxAbs"])


if __name__ == "__main__":
    main()
