"""``ccsvi-kiosk audit``: measure every screen in every language and text size, on the
configured screen, against the accessibility limits.

A clinic runs it after setting its screen's size in millimetres: it reports the smallest touch
target and gap, the lowest contrast, the smallest body-text cap height, the longest line, any
clipped text and any control the keys cannot reach, and fails if a limit is broken. The limits
come from EN 301 549 V3.2.1 clause 5, WCAG 2.2 and a touch study that included people with MS
(Chourasia et al., Appl Ergon 2013;44(2):297-302); docs/ACCESSIBILITY.md lists them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from kivy.uix.label import Label

from kiosk.display import sizes
from kiosk.display.theme import THEMES, contrast_ratio
from kiosk.progress import Progress
from kiosk.ui.headless.driver import Driver
from kiosk.ui.headless.fit_audit import misfits, window_rect
from kiosk.ui.headless.kivy_private import wrapped_lines
from kiosk.ui.headless.snapshot import show_every_view
from kiosk.ui.widgets import TextBlock

# The limits, from the standards and studies; deliberately not the layout's own constants,
# so that a layout change that shrinks a target is caught.
MIN_TARGET_MM = 20.0  # every control (MS touch studies: gains continue from 20 to 30 mm)
MIN_PRIMARY_MM = 25.0  # Home, Back, Next, Read aloud, Help, language
MIN_CAP_HEIGHT_MM = 6.1  # 0.7 degrees at 50 cm (EN 301 549 5.1.4)
MAX_LINE_CHARS = 70
MIN_GAP_MM = 2.0
MIN_TEXT_CONTRAST = 7.0
MIN_EDGE_CONTRAST = 3.0


@dataclass
class Worst:
    value: float
    where: str = ""


@dataclass
class AuditReport:
    smallest_target_mm: Worst = field(default_factory=lambda: Worst(1e9))
    smallest_primary_mm: Worst = field(default_factory=lambda: Worst(1e9))
    smallest_gap_mm: Worst = field(default_factory=lambda: Worst(1e9))
    smallest_cap_height_mm: Worst = field(default_factory=lambda: Worst(1e9))
    longest_line_chars: Worst = field(default_factory=lambda: Worst(0))
    lowest_text_contrast: Worst = field(default_factory=lambda: Worst(1e9))
    lowest_edge_contrast: Worst = field(default_factory=lambda: Worst(1e9))
    overflows: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    views: int = 0

    def failures(self) -> list[str]:
        found = []
        limits = [
            ("smallest_target_mm", self.smallest_target_mm, MIN_TARGET_MM, ">="),
            ("smallest_primary_mm", self.smallest_primary_mm, MIN_PRIMARY_MM, ">="),
            ("smallest_gap_mm", self.smallest_gap_mm, MIN_GAP_MM, ">="),
            ("smallest_cap_height_mm", self.smallest_cap_height_mm, MIN_CAP_HEIGHT_MM, ">="),
            ("longest_line_chars", self.longest_line_chars, MAX_LINE_CHARS, "<="),
            ("lowest_text_contrast", self.lowest_text_contrast, MIN_TEXT_CONTRAST, ">="),
            ("lowest_edge_contrast", self.lowest_edge_contrast, MIN_EDGE_CONTRAST, ">="),
        ]
        for name, worst, limit, sense in limits:
            ok = worst.value >= limit - 1e-6 if sense == ">=" else worst.value <= limit
            if not ok:
                found.append(f"{name} {worst.value:.1f} (limit {sense} {limit:g}) at "
                             f"{worst.where}")
        found += [f"overflow: {o}" for o in self.overflows]
        found += [f"not reachable by keys: {u}" for u in self.unreachable]
        return found

    def as_dict(self) -> dict:
        data = asdict(self)
        data["failures"] = self.failures()
        return data


def _low(worst: Worst, value: float, where: str) -> None:
    if value < worst.value:
        worst.value, worst.where = value, where


def _high(worst: Worst, value: float, where: str) -> None:
    if value > worst.value:
        worst.value, worst.where = value, where


def _gap(a, b) -> float:
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    dx = max(bx0 - ax1, ax0 - bx1, 0)
    dy = max(by0 - ay1, ay0 - by1, 0)
    return max(dx, dy) if dx == 0 or dy == 0 else (dx * dx + dy * dy) ** 0.5


_MARKUP_TAG = re.compile(r"\[/?font(?:=[^\]]*)?\]")


def _lines(label: Label) -> list[str]:
    """The text of each rendered line of a label, as Kivy laid it out; right-to-left text is
    broken into lines by the kiosk itself (``kiosk.display.bidi_text``), one markup line each."""
    if getattr(label, "rtl", False) and label.markup:
        plain = _MARKUP_TAG.sub("", label.text)
        plain = plain.replace("&bl;", "[").replace("&br;", "]").replace("&amp;", "&")
        return plain.split("\n")
    return ["".join(word.text for word in line.words) for line in wrapped_lines(label)]


def run_audit(driver: Driver, languages: list[str], scales: list[float],
              progress: Progress | None = None) -> AuditReport:
    """``progress``: counts each view audited (a bar on a terminal: ``kiosk.progress``)."""
    app = driver.app
    report = AuditReport()
    for theme in THEMES.values():
        for name, (fg, bg) in theme.text_pairs().items():
            _low(report.lowest_text_contrast, contrast_ratio(fg, bg), f"{theme.name} {name}")
        for name, (fg, bg) in theme.edge_pairs().items():
            _low(report.lowest_edge_contrast, contrast_ratio(fg, bg), f"{theme.name} {name}")
    for view in show_every_view(driver, languages, scales, progress=progress):
        report.views += 1
        _audit_view(app, report, f"{view.language} {round(view.scale * 100)}% {view.name}",
                    view.scale)
    return report


def _audit_view(app, report: AuditReport, view: str, scale: float) -> None:
    px_per_mm = app.sizer.px_per_mm
    buttons = app.visible_buttons()
    rects = {b: window_rect(b) for b in buttons}
    for button, (x0, y0, x1, y1) in rects.items():
        size_mm = min(x1 - x0, y1 - y0) / px_per_mm
        where = f"{view}: {button.action}"
        _low(report.smallest_target_mm, size_mm, where)
        if button.primary:
            _low(report.smallest_primary_mm, size_mm, where)
    ordered = list(rects.items())
    for i, (a, ra) in enumerate(ordered):
        for b, rb in ordered[i + 1:]:
            _low(report.smallest_gap_mm, _gap(ra, rb) / px_per_mm,
                 f"{view}: {a.action} / {b.action}")
    body = getattr(app.current_screen, "body", None)
    if isinstance(body, TextBlock) and body.text:
        if scale == 1.0:
            cap = body.font_size * sizes.CAP_HEIGHT_EM / px_per_mm
            _low(report.smallest_cap_height_mm, cap, view)
        for line in _lines(body):
            _high(report.longest_line_chars, len(line.strip()), view)
    report.overflows += [f"{view}: {m.text[:30]!r} {m.message}" for m in misfits(app)]
    if app.idle_warning is not None:
        return  # any key answers the warning: there is nothing to reach by keys
    reached = set()
    for _ in range(len(buttons) + 1):
        app.keys.move_focus(+1)
        focused = app.keys.focused_button()
        if focused is not None:
            reached.add(focused)
    focused = app.keys.focused_button()
    if focused is not None:
        focused.focused = False
    report.unreachable += [f"{view}: {b.action}" for b in buttons if b not in reached]
