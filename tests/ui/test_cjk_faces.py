"""The Chinese reading subsets draw exactly what the full faces draw, in Kivy's own renderer."""

from kiosk.fonts import cjk_faces


def test_the_subset_draws_the_same_pixels_as_the_full_face(ui, tmp_path):
    from kivy.core.text import Label as CoreLabel

    faces = [f for f in cjk_faces.extract(tmp_path) if "sc-" in f.name]
    for face, subset in zip(faces, cjk_faces.make_subsets(faces), strict=True):
        drawn = []
        for font in (face, subset):
            label = CoreLabel(text="静脉狭窄与多发性硬化症 CCSVI 2026年", font_name=str(font),
                              font_size=37)
            label.refresh()
            drawn.append((label.texture.size, bytes(label.texture.pixels)))
        assert drawn[0] == drawn[1], face.name
        assert any(drawn[0][1][3::4]), "nothing was drawn"
