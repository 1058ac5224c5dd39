"""One module per screen. Each screen rebuilds itself from the app's state in ``refresh()``,
so a change of language, text size or theme re-renders every visible string at once."""
