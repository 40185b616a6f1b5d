#!/usr/bin/python3
"""
Independent reference for the demo's monthly stocks (tests/unit/store/demo-month-ends.test.ts).

vega-datasets' stocks.csv dates each row the 1st ("Jan 1 2000") but holds the month's last close.
Here pandas places each row on the last date of that month found in the daily S&P 500 file (the
exchange's own trading days, not Quant Lens's calendar), then correlates the monthly close-to-close
returns of SPX (its close on those days) and AAPL, as pandas' Series.corr does (Pearson).
It also reports the figure the old first-of-month dating gave (SPX as of the 1st: the last close before).

Run (Debian's pandas):  /usr/bin/python3 tests/reference/demo/month_end_correlation.py > tests/fixtures/demo/month-end-correlation.json
"""
import json
import os

import pandas as pd

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
DATA = os.path.join(ROOT, "node_modules", "vega-datasets", "data")

spx = pd.read_csv(os.path.join(DATA, "sp500-2000.csv"), parse_dates=["date"]).set_index("date")["close"]
stocks = pd.read_csv(os.path.join(DATA, "stocks.csv"))
stocks["date"] = pd.to_datetime(stocks["date"], format="%b %d %Y")
aapl = stocks[stocks.symbol == "AAPL"].set_index("date")["price"]

# The last trading day of each month, as the daily series has it.
month_end = spx.groupby(spx.index.to_period("M")).apply(lambda s: s.index.max())
aapl_at_month_end = pd.Series(aapl.values, index=[month_end[d.to_period("M")] for d in aapl.index])

aligned = pd.DataFrame({"SPX": spx.reindex(aapl_at_month_end.index), "AAPL": aapl_at_month_end})
returns = aligned.pct_change().dropna()
# The old dating: AAPL on the 1st, SPX as of the 1st (its last close on or before; none before 2000-01-03).
old = pd.DataFrame({"SPX": spx.reindex(aapl.index, method="ffill"), "AAPL": aapl}).dropna().pct_change().dropna()

print(json.dumps({
    "aaplDates": [d.strftime("%Y-%m-%d") for d in aapl_at_month_end.index],
    "returns": len(returns),
    "correlation": returns["SPX"].corr(returns["AAPL"]),
    "firstOfMonthCorrelation": old["SPX"].corr(old["AAPL"]),
}, indent=1))
