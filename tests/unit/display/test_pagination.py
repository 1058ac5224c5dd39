from kiosk.display.pagination import paginate, split_sentences, split_words


def fits_chars(limit: int):
    """A stand-in for the renderer: a screen holds ``limit`` characters."""
    return lambda paragraphs: sum(len(p) for p in paragraphs) <= limit


def test_each_block_starts_a_new_screen():
    screens = paginate([["a" * 10], ["b" * 10]], fits_chars(100))
    assert [s.paragraphs for s in screens] == [("a" * 10,), ("b" * 10,)]
    assert [s.block for s in screens] == [0, 1]


def test_paragraphs_share_a_screen_while_they_fit():
    screens = paginate([["one.", "two.", "three."]], fits_chars(9))
    assert [s.paragraphs for s in screens] == [("one.", "two."), ("three.",)]


def test_every_screen_fits_and_no_text_is_lost():
    paragraph = " ".join(f"Sentence number {i} is here." for i in range(20))
    fits = fits_chars(80)
    screens = paginate([[paragraph, "Short one."]], fits)
    assert all(fits(s.paragraphs) for s in screens)
    words = " ".join(" ".join(s.paragraphs) for s in screens).split()
    assert words == (paragraph + " Short one.").split()


def test_left_over_space_is_filled_with_whole_sentences():
    screens = paginate([["Aaaa aaaa.", "Bbb. Ccc. Ddd dd ddd ddd."]], fits_chars(22))
    assert screens[0].paragraphs == ("Aaaa aaaa.", "Bbb. Ccc.")
    assert screens[1].paragraphs == ("Ddd dd ddd ddd.",)


def test_a_sentence_longer_than_a_screen_is_split_between_words():
    screens = paginate([["word " * 30]], fits_chars(40))
    assert len(screens) > 1
    assert all(len(" ".join(s.paragraphs)) <= 40 for s in screens)


def test_sentences_and_words_in_other_scripts():
    assert split_sentences("你好。再见！") == ["你好。", "再见！"]
    assert split_sentences("مرحبا؟ نعم.") == ["مرحبا؟", "نعم."]
    assert split_words("你好世界") == ["你", "好", "世", "界"]
    assert split_words("one two") == ["one", "two"]


def test_without_fill_a_paragraph_that_fits_alone_is_never_split():
    screens = paginate([["Aaaa aaaa.", "Bbb. Ccc. Ddd dd ddd ddd."]], fits_chars(26), fill=False)
    assert [s.paragraphs for s in screens] == [("Aaaa aaaa.",), ("Bbb. Ccc. Ddd dd ddd ddd.",)]
