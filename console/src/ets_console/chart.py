"""The market page's price history as an inline SVG drawn on the server (no script, no external library): the
daily close (VWAP of open bidding, M-28(1)) as a line, each day's low–high as a bar. Screen readers get the
`<title>`/`<desc>` and the data table beside it."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

WIDTH, HEIGHT, PAD = 640, 240, 40


@dataclass(frozen=True)
class Chart:
    points: str  # the close line's polyline points
    bars: list[tuple[float, float, float]]  # x, y of high, y of low
    dots: list[tuple[float, float, str, str]]  # x, y, date, close
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    first: str = ""
    last: str = ""
    low: str = ""
    high: str = ""


def price_chart(days: list[dict[str, Any]], quote: dict[str, Any] | None) -> Chart | None:
    priced = [d for d in days if d.get("close") is not None]
    if not priced:
        return None
    values = [Decimal(str(d[k])) for d in priced for k in ("low", "high", "close") if d.get(k) is not None]
    low, high = min(values), max(values)
    span = (high - low) or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(priced) - 1, 1)

    def y(value: Any) -> float:
        return round(float(HEIGHT - PAD - (Decimal(str(value)) - low) / span * (HEIGHT - 2 * PAD)), 1)

    xs = [round(PAD + i * step, 1) if len(priced) > 1 else WIDTH / 2 for i in range(len(priced))]
    bars = [(x, y(d["high"]), y(d["low"])) for x, d in zip(xs, priced, strict=True) if d.get("high") and d.get("low")]
    dots = [(x, y(d["close"]), str(d["trading_date"]), str(d["close"])) for x, d in zip(xs, priced, strict=True)]
    ticks = [(y(low + span * i / 4), f"{low + span * i / 4:.2f}") for i in range(5)]
    every = max(1, len(priced) // 6)
    labels = [(x, str(d["trading_date"])[5:])
              for i, (x, d) in enumerate(zip(xs, priced, strict=True)) if i % every == 0]
    return Chart(points=" ".join(f"{x},{yy}" for x, yy, _, _ in dots), bars=bars, dots=dots, y_ticks=ticks,
                 x_labels=labels, first=str(priced[0]["trading_date"]), last=str(priced[-1]["trading_date"]),
                 low=f"{low:.2f}", high=f"{high:.2f}")
