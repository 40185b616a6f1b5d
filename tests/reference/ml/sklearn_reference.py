#!/usr/bin/env python3
"""
Second independent reference, with the libraries the original Python design used: pandas for the
indicators (ewm(adjust=False), rolling, pct_change) and scikit-learn for the dual logistic models
(LogisticRegression(C=1, solver="newton-cholesky"), roc_auc_score). Shares no code with the TypeScript implementation or with
logistic_reference.py.

Usage (Debian: apt-get install python3-pandas python3-sklearn):
    /usr/bin/python3 tests/reference/ml/sklearn_reference.py   # writes tests/fixtures/ml/sp500-sklearn.json
"""
import json
import math
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
DATA = os.path.join(ROOT, "node_modules/vega-datasets/data/sp500-2000.csv")
OUT = os.path.join(ROOT, "tests/fixtures/ml/sp500-sklearn.json")

SEED = [
    "price_above_ema9", "price_above_ema30", "ema9_above_ema30", "macd_above_signal", "macd_above_zero",
    "macd_positive_hist", "ha_uptrend", "volume_above_average", "price_momentum_strong",
]


def indicators(df):
    close = df["close"]
    ema = lambda s, n: s.ewm(span=n, adjust=False).mean()
    ind = pd.DataFrame(index=df.index)
    ind["sma20"] = close.rolling(20).mean()
    ind["sma50"] = close.rolling(50).mean()
    for n in (9, 30, 50, 200):
        ind[f"ema{n}"] = ema(close, n)
    ind["macd"] = ema(close, 12) - ema(close, 26)
    ind["macd_signal"] = ema(ind["macd"], 9)
    ind["macd_hist"] = ind["macd"] - ind["macd_signal"]
    delta = close.diff()
    gain = delta.clip(lower=0).ewm(alpha=1 / 14, adjust=False).mean()
    loss = (-delta).clip(lower=0).ewm(alpha=1 / 14, adjust=False).mean()
    ind["rsi14"] = 100 - 100 / (1 + gain / loss)
    ind["volatility20"] = close.pct_change().rolling(20).std(ddof=1) * math.sqrt(252)
    ind["volume_sma20"] = df["volume"].rolling(20).mean()
    ind["roc10"] = close.pct_change(10)
    sd = close.rolling(20).std(ddof=0)
    ind["bb_upper20"] = ind["sma20"] + 2 * sd
    ind["bb_lower20"] = ind["sma20"] - 2 * sd
    ha_close = (df["open"] + df["high"] + df["low"] + close) / 4
    ha_open = [(df["open"].iloc[0] + close.iloc[0]) / 2]
    for i in range(1, len(df)):
        ha_open.append((ha_open[-1] + ha_close.iloc[i - 1]) / 2)
    ind["ha_open"] = ha_open
    ind["ha_close"] = ha_close
    return ind


def seed_features(df, ind):
    def above(a, b):
        out = (a > b).astype(float)
        return out.where(a.notna() & (b.notna() if isinstance(b, pd.Series) else True))

    return pd.DataFrame({
        "price_above_ema9": above(df["low"], ind["ema9"]),
        "price_above_ema30": above(df["low"], ind["ema30"]),
        "ema9_above_ema30": above(ind["ema9"], ind["ema30"]),
        "macd_above_signal": above(ind["macd"], ind["macd_signal"]),
        "macd_above_zero": above(ind["macd"], 0),
        "macd_positive_hist": above(ind["macd_hist"], 0),
        "ha_uptrend": above(ind["ha_close"], ind["ha_open"]),
        "volume_above_average": above(df["volume"], ind["volume_sma20"]),
        "price_momentum_strong": above(ind["roc10"], 0.05),
    })


def main():
    df = pd.read_csv(DATA)
    ind = indicators(df)
    feats = seed_features(df, ind)
    n = len(df)
    sample = sorted(set(list(range(60)) + list(range(60, n, 10)) + [n - 1]))

    forward = df["close"].shift(-10) / df["close"] - 1
    rows = feats.notna().all(axis=1) & forward.notna()
    X = feats[rows][SEED].to_numpy()
    dates = df["date"][rows].to_numpy()
    r = forward[rows].to_numpy()
    targets = {"buy": (r > 0.02).astype(int), "sell": (r < -0.03).astype(int)}
    cut_date = dates[int(np.floor(0.8 * len(dates)))]
    train = dates < cut_date

    models = {}
    for weighting in (None, "balanced"):
        models[weighting or "none"] = {}
        for side, y in targets.items():
            # newton-cholesky (exact Newton steps) reaches the optimum to machine precision; lbfgs stops about
            # 1e-4 short of it in the coefficients even at tol=1e-12, which can reorder AUC ties.
            clf = LogisticRegression(C=1.0, class_weight=weighting, solver="newton-cholesky", tol=1e-12, max_iter=1000)
            clf.fit(X[train], y[train])
            score = clf.decision_function(X)
            models[weighting or "none"][side] = {
                "coefficients": dict(zip(SEED, map(float, clf.coef_[0]))),
                "intercept": float(clf.intercept_[0]),
                "auc": {"train": float(roc_auc_score(y[train], score[train])), "test": float(roc_auc_score(y[~train], score[~train]))},
                "nTrain": int(train.sum()),
                "nTest": int((~train).sum()),
            }

    clean = lambda s: [None if pd.isna(v) else float(v) for v in s.iloc[sample]]
    out = {
        "source": "node_modules/vega-datasets/data/sp500-2000.csv (S&P 500 daily, 2000-2020)",
        "generator": f"tests/reference/ml/sklearn_reference.py (pandas {pd.__version__}, scikit-learn {sklearn.__version__})",
        "sample": {"index": sample, "indicators": {k: clean(ind[k]) for k in ind.columns}, "features": {k: clean(feats[k]) for k in SEED}},
        "dataset": {"rows": int(rows.sum()), "cutDate": str(cut_date)},
        "models": models,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", OUT)
    for key, sides in models.items():
        for side, m in sides.items():
            print(key, side, "auc", m["auc"])


if __name__ == "__main__":
    main()
