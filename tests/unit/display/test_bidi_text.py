"""Right-to-left text: Arabic shaped into joined letter forms, laid out in display order and
broken into lines before Kivy sees it, with Latin words and numbers kept readable inside it."""

import unicodedata

from kiosk.display.bidi_text import escape_markup, font_runs, locate, visual, wrap, wrap_ranges

MARHABA = "مرحبا"  # "hello": five letters that join
SENTENCE = "مرض التصلب المتعدد CCSVI عام 2019"  # Arabic words, a Latin name, a year


def forms(text: str) -> list[str]:
    """The form (ISOLATED, INITIAL, MEDIAL, FINAL) each character's Unicode name gives it."""
    return [unicodedata.name(ch).split()[-2] for ch in text]


def is_presentation_form(ch: str) -> bool:
    return 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF


def test_arabic_letters_are_joined_into_the_forms_they_take_inside_a_word():
    shown = visual(MARHABA)
    assert len(shown) == len(MARHABA)
    assert all(is_presentation_form(ch) for ch in shown)  # not the bare letters Kivy can't join
    # Displayed right to left, so the word's first letter, meem, is drawn last. Reh never
    # joins the letter after it, so "mr" and "hba" are two joined groups.
    assert [unicodedata.name(ch).split()[2] for ch in shown] == ["ALEF", "BEH", "HAH", "REH",
                                                                "MEEM"]
    assert forms(shown) == ["FINAL", "MEDIAL", "INITIAL", "FINAL", "INITIAL"]


def test_a_right_to_left_line_is_put_in_display_order_word_by_word():
    shown = visual("في البيت")  # "in the house": two words
    first, second = (visual(w) for w in ["في", "البيت"])
    assert shown == f"{second} {first}"  # the first word read is drawn on the right


def test_latin_names_and_numbers_inside_arabic_keep_their_own_reading_order():
    shown = visual(SENTENCE)
    assert "CCSVI" in shown and "2019" in shown  # not "IVSCC" or "9102"
    # The sentence ends with the year, so on a right-to-left line the year is drawn leftmost,
    # and the first Arabic word read ("disease") is drawn rightmost.
    assert shown.startswith("2019 ")
    assert shown.endswith(visual("مرض"))
    assert shown.index("2019") < shown.index("CCSVI")


def test_brackets_round_a_latin_abbreviation_are_mirrored_to_face_it():
    shown = visual("التصلب المتعدد (MS)")
    assert "(MS)" in shown  # an unmirrored bracket pair would read ")MS("


def test_latin_text_on_a_right_to_left_line_keeps_its_reading_order():
    for line in ("Multiple sclerosis (MS) since 2019", "CCSVI", ""):
        assert visual(line) == line


def test_brackets_round_latin_text_stay_paired_on_a_right_to_left_line():
    """English citations are shown as published on the Arabic sources screen, a line at a
    time. The Unicode Bidirectional Algorithm (rule N0, as FriBidi applies it) keeps a bracket
    pair round Latin text with that text; the full stop that ends the line goes to its left."""
    assert visual("venous angioplasty in MS (PREMiSe).") == ".venous angioplasty in MS (PREMiSe)"
    assert visual("انظر NICE (UK).") == f".NICE (UK) {visual('انظر')}"
    assert visual("Psychiatry 80(4):392-399 (online 2008),") == (
        ",Psychiatry 80(4):392-399 (online 2008)")


def test_brackets_in_arabic_text_are_still_mirrored_and_no_mark_is_left_behind():
    for line in ("التصلب المتعدد (MS)", "(التصلب المتعدد)", "NICE (UK) انظر [1]"):
        shown = visual(line)
        assert "\u200e" not in shown
        assert shown.count("(") == line.count("(") and shown.count(")") == line.count(")")
    assert "(MS)" in visual("التصلب المتعدد (MS)")


def test_lines_are_broken_on_the_logical_text_and_never_wider_than_asked():
    text = ("الأوردة في الرقبة تحمل الدم إلى القلب ويعتقد البعض أن ضيقها يسبب مرض "
            "التصلب المتعدد")
    ranges = wrap_ranges(text, 20, len)
    lines = [text[a:b] for a, b in ranges]
    assert len(lines) > 2
    assert " ".join(lines) == text  # every word kept, in reading order, split at spaces only
    assert all(len(visual(line)) <= 20 for line in lines)
    # Each displayed line is its logical line, shaped and reordered on its own.
    assert wrap(text, 20, len) == [visual(line) for line in lines]


def test_lines_are_measured_in_their_shaped_display_form():
    measured = []

    def measure(shown: str) -> float:
        measured.append(shown)
        return len(shown)

    wrap(f"{MARHABA} {MARHABA} {MARHABA}", 11, measure)
    assert measured and all(is_presentation_form(ch) for s in measured for ch in s if ch != " ")


def test_paragraph_breaks_are_kept_and_a_word_too_long_for_a_line_is_not_cut():
    text = "one two three\n\nextraordinarily long"
    assert wrap(text, 9, len) == ["one two", "three", "", "extraordinarily", "long"]
    ranges = wrap_ranges(text, 9, len)
    assert [text[a:b] for a, b in ranges] == ["one two", "three", "", "extraordinarily", "long"]


def test_a_highlighted_word_is_found_where_it_is_drawn_on_its_line():
    line = "تحمل الأوردة الدم"
    span = (0, len(line))
    first = (0, 4)  # the first word read: drawn at the right-hand end of the line
    start, end = locate(line, span, first)
    shown = visual(line)
    assert shown[start:end] == visual(line[:4]) and end == len(shown)
    last = (len(line) - 3, len(line))  # the last word read: drawn at the left-hand end
    assert locate(line, span, last) == (0, 3)


def test_among_repeated_words_the_one_read_first_is_found_rightmost():
    line = "في في في"  # the same word three times
    shown = visual(line)
    positions = [locate(line, (0, len(line)), (i, i + 2)) for i in (0, 3, 6)]
    assert positions == [(6, 8), (3, 5), (0, 2)]
    assert all(shown[a:b] == visual("في") for a, b in positions)


def test_a_word_outside_its_line_is_not_located():
    line = "تحمل الأوردة الدم"
    assert locate(line, (0, 4), (5, 12)) is None


def test_characters_the_main_font_lacks_are_drawn_with_the_fallback_font():
    arabic = frozenset(ord(ch) for ch in visual("مرض التصلب المتعدد"))
    line = visual("مرض CCSVI")
    markup = font_runs(line, arabic, "NotoSans.ttf")
    assert markup.count("[font=NotoSans.ttf]") == markup.count("[/font]") == 1  # one run
    before, rest = markup.split("[font=NotoSans.ttf]")
    fallback, after = rest.split("[/font]")
    assert fallback.strip() == "CCSVI"  # the Latin word, in the Latin font
    assert (before + after).strip() == visual("مرض")  # the Arabic, in the main font
    assert before + fallback + after == line  # nothing added, lost or moved


def test_square_brackets_and_ampersands_in_text_are_not_read_as_markup():
    assert escape_markup("[b]A & B[/b]") == "&bl;b&br;A &amp; B&bl;/b&br;"
    markup = font_runs("[x] & y", frozenset(), "Latin.ttf")
    assert markup == "[font=Latin.ttf]&bl;x&br; &amp; y[/font]"
