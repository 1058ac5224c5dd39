"""Languages and translations: gettext catalogues read straight from the ``.po`` files, the
active language for the interface, dates and language names from CLDR (Babel), and the
translator tools behind ``ccsvi-kiosk i18n``.

Modules: ``catalogues`` (reading catalogues, the active translation, ``_``, ``pgettext`` and
``ngettext``), ``tools`` (extract, update, compile, check, stats), ``catalogue_rules``,
``pronunciation_check`` (each language's pronunciation list, for ``check``) and ``pseudo``.
"""

from kiosk.i18n.catalogues import (
    DOMAIN,
    N_,
    PSEUDO_LANGUAGE,
    SOURCE_LANGUAGE,
    Catalogues,
    Language,
    _,
    activate,
    fallback_chain,
    known_language,
    language_info,
    long_date,
    ngettext,
    pgettext,
    po_path,
)

__all__ = ["DOMAIN", "N_", "PSEUDO_LANGUAGE", "SOURCE_LANGUAGE", "Catalogues", "Language", "_",
           "activate", "fallback_chain", "known_language", "language_info", "long_date",
           "ngettext", "pgettext", "po_path"]
