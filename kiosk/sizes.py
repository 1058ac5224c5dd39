"""Physical sizes, in millimetres on the configured screen, for text and touch targets.

Numbers from ``shared/research/accessibility.md``: body text cap height at least 6.1 mm (0.7
degrees at 50 cm; Noto Sans caps are 0.714 em, so an 8.6 mm em); controls at least 20 mm and
primary ones 25 mm (MS touch studies), at least 2 mm apart. Plain Python so the audit can use it.
"""

from __future__ import annotations

from dataclasses import dataclass

CAP_HEIGHT_EM = 0.714  # Noto Sans / Noto Sans CJK cap height as a fraction of the em

BODY_FONT_MM = 8.6  # em size of body text at 100%
HEADING_FONT_MM = 11.0
BUTTON_FONT_MM = 7.5
SMALL_FONT_MM = 6.0  # secondary lines (summaries); never below the 4.8 mm "I" floor at 100%
LINE_HEIGHT = 1.5  # WCAG 1.4.12 spacing, built in
MAX_LINE_EM = 29  # at most 70 characters per line (measured by `ccsvi-kiosk audit`)

MIN_TARGET_MM = 20.0
PRIMARY_TARGET_MM = 25.0
GAP_MM = 3.0
MARGIN_MM = 8.0
BUTTON_PADDING_MM = 5.0


@dataclass(frozen=True)
class Sizer:
    """Converts millimetres (scaled by the visitor's text size where it applies) to pixels."""

    px_per_mm: float
    scale: float = 1.0

    def px(self, mm: float) -> float:
        return mm * self.px_per_mm

    def font(self, mm: float) -> float:
        return mm * self.scale * self.px_per_mm

    def target(self, minimum_mm: float, font_mm: float, lines: int = 1) -> float:
        """Height of a control: its minimum, or enough for its text at the current scale."""
        needed = font_mm * self.scale * (1.25 * lines) + 2 * BUTTON_PADDING_MM
        return self.px(max(minimum_mm, needed))
