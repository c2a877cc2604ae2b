"""Pictures editors upload: at most 10 MB in; out, at most 2,000 px on the longest side,
re-encoded as WebP with EXIF (GPS included) and other metadata left behind.

A picture chosen on a form that comes back with errors is kept (prepared, under
``pictures/kept/``) and named in the form by a signed token, so the editor does not
choose it again; it moves to ``pictures/`` when the form saves. Kept pictures nobody
saved are removed after a day, the next time a picture is kept.
"""

import datetime
import io
import secrets
from pathlib import PurePath

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2000
# Refused before decoding: a small file can still unpack into a huge image.
MAX_PIXELS = 60_000_000
WEBP_QUALITY = 80
KEPT_FOLDER = "pictures/kept"
KEPT_FOR = datetime.timedelta(days=1)
_SALT = "stretches.uploads.kept-picture"


def check_upload_size(file):
    """Refuse a file over 10 MB, saying how big it is and what to do."""
    if file is not None and getattr(file, "size", 0) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is {file.size / 1024 / 1024:.1f} MB; a picture may be at most 10 MB. "
            f"Save it smaller (at most {MAX_SIDE:,} px on its longest side is plenty) and "
            "choose it again.",
            code="too_large",
        )


def prepare_picture(file):
    """The picture in `file`, at most MAX_SIDE px each way, as WebP without metadata."""
    check_upload_size(file)
    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    f"This picture is {image.width:,} × {image.height:,} px; give one of at "
                    f"most {MAX_SIDE:,} px on its longest side.",
                    code="too_many_pixels",
                )
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a smaller scale
            # Turn it the way the camera meant before its EXIF (and orientation) goes.
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            transparent = upright.mode in ("RGBA", "LA", "PA") or (
                upright.mode == "P" and "transparency" in upright.info
            )
            clean = upright.convert("RGBA" if transparent else "RGB")
            # A new image carries no EXIF, XMP or ICC data from the upload.
            bare = Image.new(clean.mode, clean.size)
            bare.paste(clean)
            out = io.BytesIO()
            bare.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            "This file could not be read as a picture. Choose a JPEG, PNG or WebP file.",
            code="unreadable",
        ) from error
    stem = slugify(PurePath(file.name or "").stem)[:60] or "picture"
    return ContentFile(out.getvalue(), name=f"{stem}.webp")


def keep(picture):
    """Keep a prepared picture until its form saves; returns the token that names it."""
    _forget_old_kept_pictures()
    name = default_storage.save(f"{KEPT_FOLDER}/{secrets.token_hex(12)}.webp", picture)
    picture.seek(0)
    return signing.dumps({"name": name, "original": picture.name}, salt=_SALT)


def kept(token):
    """`(picture, url)` for a token `keep` gave, or None when it is not one or has gone."""
    if not token or len(token) > 500:
        return None
    try:
        value = signing.loads(token, salt=_SALT, max_age=KEPT_FOR)
        name = value["name"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if not name.startswith(f"{KEPT_FOLDER}/") or not default_storage.exists(name):
        return None
    with default_storage.open(name) as stored:
        picture = ContentFile(stored.read(), name=value.get("original") or "picture.webp")
    return picture, default_storage.url(name)


def forget(token):
    """Remove a kept picture once its form has saved it where it belongs."""
    try:
        name = signing.loads(token, salt=_SALT)["name"]
    except (signing.BadSignature, KeyError, TypeError):
        return
    if name.startswith(f"{KEPT_FOLDER}/"):
        default_storage.delete(name)


def _forget_old_kept_pictures():
    try:
        _, files = default_storage.listdir(KEPT_FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - KEPT_FOR
    for file in files[:1000]:
        name = f"{KEPT_FOLDER}/{file}"
        try:
            if default_storage.get_modified_time(name) < cutoff:
                default_storage.delete(name)
        except (FileNotFoundError, NotImplementedError):
            continue
