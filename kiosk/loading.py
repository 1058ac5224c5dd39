"""Everything the kiosk reads at start, loaded and checked in one place.

``run``, ``snapshot`` and ``check`` all start here, so what ``check`` approves is exactly what
the kiosk will show. Broken config or content stop the start (there is nothing safe to show);
a broken catalogue or a missing font only hides that one language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.config import KioskConfig, load_config
from kiosk.content.model import Content, check_content
from kiosk.fonts.faces import FontChoice, find_font
from kiosk.fonts.glyphs import missing
from kiosk.i18n.catalogues import (
    SOURCE_LANGUAGE,
    Catalogues,
    Language,
    language_info,
    long_date,
    po_path,
    release_locale_data,
)
from kiosk.problems import InputError, Problem


@dataclass
class KioskData:
    config: KioskConfig
    content: Content
    catalogues: Catalogues
    languages: list[Language]  # offered to visitors, in configured order
    fonts: dict[str, FontChoice]  # by script
    problems: list[Problem] = field(default_factory=list)  # non-fatal: logged and hidden
    # By language: the day the facts were checked and the next review is due, written out.
    review_dates: dict[str, tuple[str, str]] = field(default_factory=dict)

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    def font_for(self, code: str) -> FontChoice:
        return self.fonts[self.language(code).script]


def load_kiosk(config_path: Path | None, today: dt.date | None = None,
               preview: Sequence[str] = ()) -> KioskData:
    """Load config, content, catalogues and fonts; ``InputError`` if the kiosk cannot start.

    ``preview``: languages to offer as well if they have a catalogue, so a translator can check,
    see and hear a new language before the clinic's config lists it (nothing is written)."""
    config = load_config(config_path)
    extra = [code for code in preview if code not in config.languages
             and po_path(config.locales_dir, code).exists()]
    if extra:
        config = replace(config, languages=(*config.languages, *extra))
    content, content_problems = check_content(config.content_dir, today)
    if content is None:
        raise InputError([p for p in content_problems if p.severity == "error"])
    problems = [p for p in content_problems if p.severity != "error"]

    catalogues = Catalogues(config.locales_dir, config.languages)
    problems += catalogues.problems
    for code in catalogues.missing():
        problems.append(Problem(po_path(config.locales_dir, code), None,
                                f"no catalogue for {code!r}; the language is not offered",
                                "warning"))
    fonts: dict[str, FontChoice] = {}
    languages: list[Language] = []
    for code in config.languages:
        if not catalogues.is_available(code):
            continue
        language = language_info(code)
        if language.script not in fonts:
            font = find_font(language.script)
            if font is None:
                problems.append(Problem(config.files[-1], None,
                                        f"no font installed for the {language.script} script; "
                                        f"{language.english_name} is not offered "
                                        "(install fonts-noto-core and fonts-noto-cjk)"))
                continue
            fonts[language.script] = font
        languages.append(language)

    if not any(lang.code == config.default_language for lang in languages):
        fallback = SOURCE_LANGUAGE if any(lang.code == SOURCE_LANGUAGE for lang in languages) \
            else (languages[0].code if languages else None)
        if fallback is None:
            nothing = Problem(config.files[-1], None, "no language can be shown")
            raise InputError([*problems, nothing])
        problems.append(Problem(config.files[-1], None,
                                f"default language {config.default_language!r} is not available;"
                                f" starting in {fallback!r}"))
        config = _with_default_language(config, fallback)
    meta = content.metadata
    review_dates = {lang.code: (long_date(meta.checked_on, lang.code),
                                long_date(meta.next_review, lang.code)) for lang in languages}
    release_locale_data()  # everything needed from CLDR is taken (see there)
    for language in languages:
        font = fonts[language.script]
        if font.subset:
            text = "".join([*catalogues.texts(language.code), language.endonym,
                            *review_dates[language.code]])
            fonts[language.script] = _full_face_if_needed(font, text, po_path(
                config.locales_dir, language.code), problems)
    return KioskData(config, content, catalogues, languages, fonts, problems, review_dates)


def _full_face_if_needed(font: FontChoice, text: str, source: Path,
                         problems: list[Problem]) -> FontChoice:
    """The reading subset if it draws every character of ``text``, else the full face."""
    lacking = missing(text, [font.regular]) | missing(text, [font.bold])
    if not lacking:
        return font
    full = find_font(font.script, full=True) or font
    shown = "".join(sorted(lacking)[:10])
    problems.append(Problem(source, None, f"{len(lacking)} character(s) ({shown}) are not in "
                                          f"the reading subset {font.regular.name}; drawn with "
                                          f"{full.regular.name}, which uses more memory (run "
                                          "'make fonts' to make the subset again)", "warning"))
    return full


def _with_default_language(config: KioskConfig, code: str) -> KioskConfig:
    return replace(config, default_language=code)
