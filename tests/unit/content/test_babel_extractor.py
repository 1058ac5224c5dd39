import io

from babel.messages.extract import extract

from kiosk import paths
from kiosk.content.babel_extractor import extract_content
from kiosk.content.model import CONTENT_FILE, load_content


def extracted():
    data = (paths.CONTENT_DIR / CONTENT_FILE).read_bytes()
    return list(extract(extract_content, io.BytesIO(data), keywords={"pgettext": ((1, "c"), 2)}))


def test_every_content_string_is_extracted_with_context_and_real_line():
    content = load_content(paths.CONTENT_DIR)
    lines = (paths.CONTENT_DIR / CONTENT_FILE).read_text(encoding="utf-8").splitlines()
    found = {(context, msgid): line for line, msgid, _comments, context in extracted()}
    for section in content.sections:
        title_line = found[(f"{section.id}.title", section.title)]
        assert section.title in lines[title_line - 1]
        assert (f"{section.id}.summary", section.summary) in found
        for page in section.pages:
            for paragraph in page.paragraphs:
                line = found[(f"{section.id}.text", paragraph)]
                assert paragraph[:40] in lines[line - 1]
    for entry in content.glossary:
        assert (f"glossary.{entry.id}.term", entry.term) in found


def test_page_notes_reach_translators_as_comments():
    content = load_content(paths.CONTENT_DIR)
    noted = next(page for s in content.sections for page in s.pages if page.note)
    comments = {c for _line, msgid, notes, _ctx in extracted() if msgid == noted.paragraphs[0]
                for c in notes}
    assert noted.note in comments


def test_registered_for_plain_pybabel():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="babel.extractors")}
    assert names.get("kiosk_yaml") == "kiosk.content.babel_extractor:extract_content"
