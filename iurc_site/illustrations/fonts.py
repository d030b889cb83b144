"""Fonts for the illustrations' text, chosen by the language it is in.

Chinese uses Noto Sans CJK (Debian fonts-noto-cjk), Thai the TLWG fonts (fonts-thai-tlwg),
the other languages DejaVu Sans or Noto Sans. Each is looked for at known paths, then
with fc-match; when none is there, Pillow's built-in font is used, so a missing font
gives plainer text, never an error.
"""

import logging
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

logger = logging.getLogger(__name__)

# (path, index in a font collection); the first that exists is used.
CANDIDATES = {
    "zh": [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # SC
        ("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf", 0),
        ("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc", 2),
    ],
    "th": [
        ("/usr/share/fonts/truetype/tlwg/Loma.ttf", 0),
        ("/usr/share/fonts/truetype/tlwg/Garuda.ttf", 0),
        ("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", 0),
    ],
    "latin": [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
        ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
    ],
}
BOLD_CANDIDATES = {
    "zh": [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
        *CANDIDATES["zh"],
    ],
    "th": [
        ("/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf", 0),
        ("/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf", 0),
        *CANDIDATES["th"],
    ],
    "latin": [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),
        ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
        *CANDIDATES["latin"],
    ],
}
# What fc-match is asked for when none of the known paths exists.
FONTCONFIG_PATTERNS = {
    "zh": "Noto Sans CJK SC",
    "th": "Loma",
    "latin": "DejaVu Sans",
}


def script_of(language_code):
    """Which set of fonts a site language needs: "zh", "th" or "latin"."""
    code = (language_code or "").lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("th"):
        return "th"
    return "latin"


def _fontconfig_path(pattern, bold):
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    query = f"{pattern}:bold" if bold else pattern
    try:
        found = subprocess.run(  # noqa: S603 -- a fixed program and pattern
            [fc_match, "-f", "%{file}", query],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found or None


@lru_cache(maxsize=16)
def font_file(language_code, bold=False):
    """(path, index) of the font for the language, or None when there is none."""
    script = script_of(language_code)
    for path, index in (BOLD_CANDIDATES if bold else CANDIDATES)[script]:
        if Path(path).is_file():
            return path, index
    found = _fontconfig_path(FONTCONFIG_PATTERNS[script], bold)
    if found and Path(found).is_file():
        return found, 2 if found.endswith(".ttc") and script == "zh" else 0
    logger.warning("No font for %s text; the illustrations use a plain one", script)
    return None


@lru_cache(maxsize=64)
def font(language_code, size, bold=False):
    """A Pillow font for text in the language, at `size` pixels."""
    found = font_file(language_code, bold)
    if found is not None:
        path, index = found
        try:
            return ImageFont.truetype(path, size=size, index=index)
        except OSError:
            logger.warning("Cannot read the font %s", path)
    return ImageFont.load_default(size=size)
