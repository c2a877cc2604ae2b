"""The home-screen icons: a figure on all fours, back rounded (the cat pose), on the site's
accent colour, drawn by `manage.py draw_icons` into static/img/icons/ (PNG, as every
installer accepts)."""

from pathlib import Path

THEME_LIGHT = "#0b5f73"  # site.css --accent (light theme)
THEME_DARK = "#111519"  # site.css --bg (dark theme)
ICON_SIZES = (192, 512)
FOLDER = Path(__file__).resolve().parent.parent / "static" / "img" / "icons"


def draw(size, *, maskable=False):
    """The icon at `size` pixels square. A maskable icon fills the square and keeps the
    figure inside the middle 80% (the safe zone a launcher may crop to)."""
    from PIL import Image, ImageDraw

    scale = 4  # drawn large and scaled down: smooth edges without an anti-aliasing library
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, side, side), fill=THEME_LIGHT)
    else:
        pen.rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 5, fill=THEME_LIGHT)
    unit = side / (125 if maskable else 100)  # the figure's drawing grid
    middle = side / 2

    def at(x, y):
        return (middle + x * unit, middle + y * unit)

    white = "#ffffff"
    width = round(7 * unit)
    # The floor; thighs and arms upright; the back rounded like a cat's; the head low.
    pen.line([at(-34, 28), at(34, 28)], fill=white, width=round(4 * unit))
    pen.line([at(-23, 26), at(-23, 2)], fill=white, width=width)  # thighs
    pen.line([at(19, 26), at(19, 2)], fill=white, width=width)  # arms
    # The rounded spine, from hips to shoulders.
    pen.arc([*at(-26.5, -20), *at(22.5, 22)], start=180, end=360, fill=white, width=width)
    pen.ellipse([*at(21, 4), *at(35, 18)], fill=white)  # the head, low between the arms
    return image.resize((size, size), Image.LANCZOS)


def draw_all(folder=FOLDER):
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in ICON_SIZES:
        path = folder / f"icon-{size}.png"
        draw(size).save(path, optimize=True)
        written.append(path)
    path = folder / "maskable-512.png"
    draw(512, maskable=True).save(path, optimize=True)
    written.append(path)
    return written
