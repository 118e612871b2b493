"""The report's charts: pure functions from curated rows to PNG bytes (matplotlib, Agg backend).

Same rows, same bytes: the PNG carries no software/date metadata and every ordering is fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # no display needed, the same output everywhere
import matplotlib.dates as mdates  # noqa: E402
from matplotlib.ticker import PercentFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from pipeline.core.fiscal import FinancialYear  # noqa: E402

# Status colours (colour-blind safe, Okabe-Ito), in the legend's order.
STATUS_COLOURS = {
    "completed": "#009E73",
    "confirmed": "#0072B2",
    "tbc": "#E69F00",
    "planned": "#8E8E8E",
    "cancelled": "#D55E00",
}
OTHER_STATUS_COLOUR = "#CC79A7"
QUARTER_COLOURS = {1: "#0072B2", 2: "#56B4E9", 3: "#009E73", 4: "#E69F00"}
# Dates no more precise than this are drawn hatched over their whole span ("June" = all June).
EXACT_PRECISIONS = ("day", "day_range")
DPI = 110
LABEL_WIDTH = 46  # characters per label line; two lines at most
# Most activities drawn one bar each; a longer plan is summarised (activities per month by status)
# so the image, and the memory to draw it, stay bounded. Every activity is in the report's table.
MAX_TIMELINE_ROWS = 200
# Most deliverables drawn in the delivery chart (the report draws the first ones and says so).
MAX_DELIVERY_ROWS = 200
# Documents' text on a chart is never mathtext: "Spend $5 and $10" stays as printed, and
# "$\undefinedmacro$" cannot fail the report (matplotlib parses $...$ unless told not to).
PLAIN = {"parse_math": False}
_PCT_AXIS_MAX = 200.0  # % of target; longer bars are cut and labelled with their value


def short_label(text: str, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """Wrap to `lines` lines of `width`, ending with an ellipsis when cut."""
    wrapped = textwrap.wrap(" ".join((text or "").split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def dated_activities(activities: list[dict]) -> list[dict]:
    """Activities the timeline can draw (both dates known), in row order."""
    return sorted((a for a in activities if a["date_start"] and a["date_end"]),
                  key=lambda a: a["row_number"])


def undated_activities(activities: list[dict]) -> list[dict]:
    return sorted((a for a in activities if not (a["date_start"] and a["date_end"])),
                  key=lambda a: a["row_number"])


def timeline_png(activities: list[dict], year: FinancialYear,
                 max_rows: int = MAX_TIMELINE_ROWS) -> bytes:
    """One horizontal bar per dated activity from date_start to date_end (inclusive), coloured by
    status; month-or-coarser dates hatched over the whole period; the financial year's months on
    the x axis, extended if an activity falls outside it. Over `max_rows` dated activities: the
    summary chart instead (timeline_summary_png)."""
    rows = dated_activities(activities)
    if len(rows) > max_rows:
        return timeline_summary_png(activities, year)
    height = max(2.5, 0.32 * len(rows) + 1.6)
    fig = Figure(figsize=(12, height), dpi=DPI)
    ax = fig.add_subplot()
    first = min([year.start] + [a["date_start"] for a in rows])
    last = max([year.end] + [a["date_end"] for a in rows])
    _shade_quarters(ax, year)
    for position, activity in enumerate(rows):
        start = mdates.date2num(activity["date_start"])
        end = mdates.date2num(activity["date_end"] + dt.timedelta(days=1))  # inclusive end
        colour = STATUS_COLOURS.get(activity["status"], OTHER_STATUS_COLOUR)
        exact = activity["date_precision"] in EXACT_PRECISIONS
        ax.barh(position, end - start, left=start, height=0.7, color=colour if exact else "white",
                edgecolor=colour, hatch=None if exact else "////", linewidth=1.2, zorder=3)
        if exact and end - start < 4:  # a day or two is a sliver at this scale: add a marker
            ax.plot((start + end) / 2, position, marker="D", markersize=5, color=colour, zorder=4)
    ax.set_yticks(range(len(rows)),
                  [short_label(f"{a['row_number']}. {a['activity']}", 60, 1) for a in rows], fontsize=8,
                  **PLAIN)
    ax.set_ylim(len(rows) - 0.4, -0.6)  # first row at the top
    ax.set_xlim(mdates.date2num(first), mdates.date2num(last + dt.timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.set_title(f"Plan activities over the financial year {year}", fontsize=11, loc="left", pad=16)
    statuses = [s for s in STATUS_COLOURS if any(a["status"] == s for a in rows)]
    statuses += sorted({a["status"] for a in rows} - set(STATUS_COLOURS))
    handles = [Patch(facecolor=STATUS_COLOURS.get(s, OTHER_STATUS_COLOUR), label=s) for s in statuses]
    handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="////",
                         label="month or coarser date (whole period drawn)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -_below_axis(0.55, height)), ncol=5,
              fontsize=8, frameon=False)
    undated = undated_activities(activities)
    if undated:
        rows_text = ", ".join(str(a["row_number"]) for a in undated)
        ax.text(0, -_below_axis(0.85, height), f"Not drawn, date unknown (listed in the report): "
                f"row{'s' if len(undated) > 1 else ''} {rows_text}", transform=ax.transAxes,
                va="top", fontsize=8, color="#555555")
    return _png(fig)


def timeline_summary_png(activities: list[dict], year: FinancialYear) -> bytes:
    """A plan too long to draw one bar per activity: the number of activities starting in each
    month, stacked by status, over the financial year (extended to the activities' months). The
    image has a fixed size whatever the number of activities."""
    rows = dated_activities(activities)
    first = min([year.start] + [a["date_start"] for a in rows])
    last = max([year.end] + [a["date_start"] for a in rows])
    months = []
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    statuses = [s for s in STATUS_COLOURS if any(a["status"] == s for a in rows)]
    statuses += sorted({a["status"] for a in rows} - set(STATUS_COLOURS))
    counts = {s: [0] * len(months) for s in statuses}
    for a in rows:
        counts[a["status"]][index[(a["date_start"].year, a["date_start"].month)]] += 1
    fig = Figure(figsize=(12, 4.5), dpi=DPI)
    ax = fig.add_subplot()
    bottom = [0] * len(months)
    for status in statuses:
        ax.bar(range(len(months)), counts[status], bottom=bottom, width=0.8, label=status,
               color=STATUS_COLOURS.get(status, OTHER_STATUS_COLOUR), zorder=3)
        bottom = [b + c for b, c in zip(bottom, counts[status])]
    ax.set_xticks(range(len(months)), [m.strftime("%b\n%Y") for m in months], fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", color="#dddddd", zorder=0)
    ax.set_ylabel("activities starting in the month", fontsize=8)
    ax.set_title(f"Plan activities over the financial year {year}: {len(rows)} dated activities, "
                 "too many to draw one per line; counted by the month they start (every activity is "
                 "listed in the table below)", fontsize=10, loc="left", wrap=True)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.2), ncol=5, fontsize=8, frameon=False)
    return _png(fig)


def quarter_increments(values: list[int | None], cumulative: bool) -> list[int]:
    """What each quarter added: the values as printed, or for a running total (the checks found
    the total is the latest quarter, not the sum) the rise over the previous quarter."""
    if not cumulative:
        return [v or 0 for v in values]
    out, previous = [], 0
    for value in values:
        current = previous if value is None else value
        out.append(max(0, current - previous))
        previous = max(previous, current)
    return out


def delivery_png(deliverables: list[dict], quarters: list[dict],
                 cumulative: frozenset[str] = frozenset()) -> bytes:
    """Per deliverable, in document order: the quarters' delivered counts stacked as % of the
    year's target, the printed total as a black tick, the target as the 100% line. Bars longer
    than the axis are cut and labelled; deliverables without a target are labelled so.
    `cumulative`: ids whose quarter values are running totals (drawn as increments)."""
    rows = sorted(deliverables, key=lambda d: d["row_number"])
    printed = {(q["deliverable_id"], q["quarter"]): q["delivered"] for q in quarters}
    delivered = {}
    for item in rows:
        ident = item["deliverable_id"]
        steps = quarter_increments([printed.get((ident, q)) for q in (1, 2, 3, 4)], ident in cumulative)
        delivered.update({(ident, q): n for q, n in zip((1, 2, 3, 4), steps)})
    height = max(2.5, 0.5 * len(rows) + 1.8)
    fig = Figure(figsize=(12, height), dpi=DPI)
    ax = fig.add_subplot()
    for position, item in enumerate(rows):
        target = item["target"]
        if not target:
            ax.text(1, position, "no numeric target", va="center", fontsize=8, color="#555555")
            continue
        left = 0.0
        for quarter in (1, 2, 3, 4):
            count = delivered.get((item["deliverable_id"], quarter))
            if not count:
                continue
            width = 100.0 * count / target
            ax.barh(position, min(width, max(0.0, _PCT_AXIS_MAX - left)), left=min(left, _PCT_AXIS_MAX),
                    height=0.6, color=QUARTER_COLOURS[quarter], zorder=3)
            left += width
        if item["total"] is not None:
            total_pct = 100.0 * item["total"] / target
            ax.plot(min(total_pct, _PCT_AXIS_MAX), position, marker="|", markersize=16,
                    markeredgewidth=2.5, color="black", zorder=4)
        label = f"{_count(item['total'])} of {target}"
        if item["deliverable_id"] in cumulative:
            label += " (running totals)"
        ax.text(min(max(left, 100.0 * (item["total"] or 0) / target), _PCT_AXIS_MAX) + 2, position,
                label + (" ▸" if left > _PCT_AXIS_MAX else ""), va="center", fontsize=8, zorder=5)
    ax.axvline(100, color="#C00000", linestyle="--", linewidth=1.2, zorder=2)
    ax.set_xlim(0, _PCT_AXIS_MAX + 25)
    ax.set_xticks(range(0, int(_PCT_AXIS_MAX) + 1, 25))
    ax.xaxis.set_major_formatter(PercentFormatter())
    ax.set_yticks(range(len(rows)), [short_label(d["deliverable"]) for d in rows], fontsize=8, **PLAIN)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    _theme_separators(ax, rows)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.set_xlabel("delivered, % of the year's target (label: printed total of target; running totals "
                  "drawn as what each quarter added)", fontsize=8)
    ax.set_title("Delivered against target, by quarter", fontsize=11, loc="left")
    handles = [Patch(color=QUARTER_COLOURS[q], label=f"Q{q}") for q in (1, 2, 3, 4)]
    handles += [Line2D([], [], color="black", marker="|", linestyle="", markersize=12,
                       markeredgewidth=2.5, label="printed total"),
                Line2D([], [], color="#C00000", linestyle="--", label="target"),
                Line2D([], [], color="black", marker="$▸$", linestyle="",
                       label=f"beyond {_PCT_AXIS_MAX:.0f}%")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -_below_axis(0.6, height)), ncol=7,
              fontsize=8, frameon=False)
    return _png(fig)


def _shade_quarters(ax, year: FinancialYear) -> None:
    for quarter in (1, 2, 3, 4):
        start, end = year.quarter_months(quarter)
        ax.axvspan(mdates.date2num(start), mdates.date2num(end + dt.timedelta(days=1)),
                   color="#f4f4f4" if quarter % 2 else "white", zorder=0)
        ax.text(mdates.date2num(start) + 2, 1.0, f"Q{quarter}", transform=ax.get_xaxis_transform(),
                va="bottom", fontsize=8, color="#555555")


def _theme_separators(ax, rows: list[dict]) -> None:
    """A line between themes and the theme's name at the right, so groups read at a glance."""
    start = 0
    for position in range(1, len(rows) + 1):
        if position == len(rows) or rows[position]["theme"] != rows[start]["theme"]:
            if position < len(rows):
                ax.axhline(position - 0.5, color="#999999", linewidth=0.8, zorder=1)
            theme = rows[start]["theme"]
            if theme:
                ax.text(0.995, start - 0.45, short_label(theme, 40, 1), transform=ax.get_yaxis_transform(),
                        ha="right", va="top", fontsize=7.5, style="italic", color="#444444", **PLAIN)
            start = position


def _below_axis(inches: float, figure_height: float) -> float:
    """`inches` below the axes, as a fraction of the axes' height (legends under tick labels)."""
    return inches / (figure_height * 0.77)  # 0.77: matplotlib's default axes share of the height


def _count(value) -> str:
    return "?" if value is None else str(value)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()
