"""Where the kiosk's built-in files live.

The explainer (``content/``) and catalogues (``locales/``) sit at the top of the repository so
authors and translators find them without knowing Python packaging; the package reaches them
from its own location.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_CONFIG = PACKAGE_DIR / "kiosk.yaml"
CONTENT_DIR = PROJECT_DIR / "content"
LOCALES_DIR = PROJECT_DIR / "locales"
# Natural voices a clinic adds; an installed kiosk's settings name /var/lib/ccsvi-kiosk/voices.
VOICES_DIR = PROJECT_DIR / "voices"
BLANK_FONT = PACKAGE_DIR / "ui" / "blank.ttf"  # shipped; made by kiosk.fonts.blank_font


def cache_dir() -> Path:
    """Files the kiosk makes for itself and can always make again (``$XDG_CACHE_HOME``; an
    installed kiosk's service sets it to systemd's ``CacheDirectory``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ccsvi-kiosk"
