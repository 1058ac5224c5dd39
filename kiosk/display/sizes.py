"""Physical sizes, in millimetres on the configured screen, for text and touch targets.

Body text cap height at least 6.1 mm (EN 301 549 5.1.4: 0.7 degrees at 50 cm; Noto Sans caps
are 0.714 em, so an 8.6 mm em); controls at least 20 mm and primary ones 25 mm, at least 2 mm
apart (people with MS and other motor disabilities still gained from 20 to 30 mm targets:
Chourasia et al., Appl Ergon 2013;44(2):297-302). Plain Python so the audit can use it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CAP_HEIGHT_EM = 0.714  # Noto Sans / Noto Sans CJK cap height as a fraction of the em

BODY_FONT_MM = 8.6  # em size of body text at 100%
HEADING_FONT_MM = 11.0
BUTTON_FONT_MM = 7.5
SMALL_FONT_MM = 6.0  # secondary lines (summaries); never below the 4.8 mm "I" floor at 100%
LINE_HEIGHT = 1.5  # baseline to baseline, in font sizes (WCAG 1.4.12 spacing, built in)
MAX_LINE_EM = 29  # at most 70 characters per line (measured by `ccsvi-kiosk audit`)

MIN_TARGET_MM = 20.0
PRIMARY_TARGET_MM = 25.0
GAP_MM = 3.0
MARGIN_MM = 8.0
BUTTON_PADDING_MM = 5.0


def whole_px(size: float) -> int:
    """A font size in whole pixels, never below the size asked for (cap heights are floors).

    Under Kivy, SDL_ttf opens one FreeType face for every distinct font size it is given, and
    Kivy tells sizes apart by their text, so 41.37 and 41.4 are two faces of the same 41 px
    font; a Noto CJK face holds about 2.6 MB, and up to 64 stay open. Fractional sizes made a
    day of visits keep opening new faces (the soak's memory grew in 2.6 MB steps); whole
    pixels keep the set small and reused.
    """
    return math.ceil(size - 1e-6)


@dataclass(frozen=True)
class Sizer:
    """Converts millimetres (scaled by the visitor's text size where it applies) to pixels.

    Reading text always grows to the visitor's text size. Control labels grow with it only as
    far as the top bar still fits on one row (``control_scale``): on a narrow or short screen
    a 200% top bar would wrap "Language" into "Langu/age" and leave no room for the page, so
    there the labels stop at, say, 150% (as phone toolbars do), while every target keeps its
    millimetre minimum.
    """

    px_per_mm: float
    scale: float = 1.0
    control_scale: float | None = None  # None: the same as ``scale``

    @property
    def controls(self) -> float:
        return self.scale if self.control_scale is None else min(self.scale, self.control_scale)

    def px(self, mm: float) -> float:
        return mm * self.px_per_mm

    def font(self, mm: float, control: bool = False) -> int:
        """Body text follows the text size; control labels the control scale; headings (the
        heading size or more) grow like controls, since they are for finding one's way, but
        never below the body text they head."""
        if control:
            return whole_px(mm * self.controls * self.px_per_mm)
        if mm >= HEADING_FONT_MM:
            return whole_px(max(mm * self.controls, BODY_FONT_MM * self.scale) * self.px_per_mm)
        return whole_px(mm * self.scale * self.px_per_mm)

    def target(self, minimum_mm: float, font_mm: float, lines: int = 1) -> float:
        """Height of a control: its minimum, or enough for its label at the current scale."""
        needed = font_mm * self.controls * (1.25 * lines) + 2 * BUTTON_PADDING_MM
        return self.px(max(minimum_mm, needed))

    def with_controls(self, control_scale: float) -> Sizer:
        return Sizer(self.px_per_mm, self.scale, control_scale)
