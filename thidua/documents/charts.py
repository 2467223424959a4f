"""Charts for documents: a target's actual figures against its expected trajectory, as a PNG.

Pure matplotlib with the Agg backend (no display, thread-safe enough for one figure at a time), a
serif font with the Vietnamese glyphs (Liberation Serif, as in the document, else DejaVu Serif), and a
modest resolution so that a report of thirty targets still renders in a few seconds.
"""

import io
import threading

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure

FONTS = ("Liberation Serif", "Times New Roman", "DejaVu Serif")
DPI = 96
SIZE_INCHES = (6.0, 2.6)
_lock = threading.Lock()  # matplotlib's font cache is shared by the process


def font_family() -> str:
    """The first of FONTS installed here (DejaVu Serif ships with matplotlib, so one always is)."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in FONTS if name in installed), "DejaVu Serif")


def line_chart_png(
    labels: list[str], actual: list[float | None], expected: list[float | None], *, legend: tuple[str, str]
) -> bytes:
    """Two lines over the same period ends: what was achieved, and what the trajectory expected."""
    family = font_family()
    actual_line = [float("nan") if value is None else float(value) for value in actual]
    expected_line = [float("nan") if value is None else float(value) for value in expected]
    with _lock:
        figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.plot(positions, expected_line, linestyle="--", color="#6c757d", linewidth=1.4, label=legend[1])
        axes.plot(
            positions,
            actual_line,
            marker="o",
            markersize=3.5,
            color="#0d6efd",
            linewidth=1.8,
            label=legend[0],
        )
        step = max(1, len(labels) // 8)  # at most about eight dates on the axis
        axes.set_xticks(positions[::step], [labels[i] for i in positions[::step]])
        for item in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
            item.set_fontfamily(family)
            item.set_fontsize(8)
        axes.grid(axis="y", linewidth=0.4, alpha=0.6)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(prop={"family": family, "size": 8}, frameon=False, loc="upper left")
        figure.subplots_adjust(left=0.09, right=0.98, top=0.95, bottom=0.14)  # tight_layout costs more
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
