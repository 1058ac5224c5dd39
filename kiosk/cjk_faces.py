"""Chinese faces of Noto Sans CJK, copied out of Debian's collection file at setup.

Debian ships Noto Sans CJK as collections (``NotoSansCJK-Regular.ttc``, ``-Bold.ttc``) whose
first face is Japanese, and Kivy's text provider (SDL_ttf) always opens a collection's first
face, so Chinese was drawn with Japanese glyph shapes: 骨, 直 and 这 look subtly foreign to a
Chinese reader. ``make setup`` (and each release an installed kiosk prepares) copies the
Simplified and Traditional Chinese faces into standalone files in the Python environment,
offline, with fontTools; ``kiosk.fonts`` prefers them. Nothing is written at run time: without
the copies, Chinese falls back to the collection.

    python -m kiosk.cjk_faces [DEST]      (default: kiosk.fonts.KIOSK_FONT_DIR)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.fonts import FONT_DIRS, KIOSK_FONT_DIR

# file stem -> the family name of its face inside the collection
REGIONS = {"NotoSansCJKsc": "Noto Sans CJK SC", "NotoSansCJKtc": "Noto Sans CJK TC"}
WEIGHTS = ("Regular", "Bold")


def _collection(weight: str, dirs: tuple[Path, ...]) -> Path | None:
    for folder in dirs:
        path = folder / f"NotoSansCJK-{weight}.ttc"
        if path.is_file():
            return path
    return None


def extract(dest: Path = KIOSK_FONT_DIR, dirs: tuple[Path, ...] = FONT_DIRS) -> list[Path]:
    """Copy each Chinese face out of the installed collections into ``dest``, unless an
    up-to-date copy is there. Returns the files now in place."""
    from fontTools.ttLib import TTCollection

    done = []
    for weight in WEIGHTS:
        source = _collection(weight, dirs)
        if source is None:
            continue
        faces = None
        for stem, family in REGIONS.items():
            target = dest / f"{stem}-{weight}.otf"
            if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
                done.append(target)
                continue
            if faces is None:
                faces = {face["name"].getDebugName(1): face
                         for face in TTCollection(str(source), lazy=True).fonts}
            if family not in faces:
                continue
            dest.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".otf.partial")
            faces[family].save(str(partial))
            os.replace(partial, target)  # never a half-written font, even if interrupted
            done.append(target)
    return done


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dest = Path(args[0]) if args else KIOSK_FONT_DIR
    written = extract(dest)
    print(f"cjk_faces: {len(written)} Chinese face(s) in {dest}" if written else
          "cjk_faces: no Noto Sans CJK collection installed; Chinese needs fonts-noto-cjk")
    return 0


if __name__ == "__main__":
    sys.exit(main())
