"""Fill .po entries from a JSON file of translations, clearing their fuzzy flags.

Usage: python scripts/fill_translations.py translations.json
where the JSON is {"msgid": {"ms": "...", "zh_Hans": "...", ...}, ...}; for a plural
entry give a list of forms instead of a string. Only entries present in the .po files
are filled; run `make messages` first and afterwards (to compile).
"""

import json
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def po_string(text):
    """A Python string as a .po string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def entry_msgid(lines):
    """The msgid of an entry (a list of its lines), joined across continuation lines."""
    catalog = read_po(iter([line.encode("utf-8") for line in ["", *lines]]))
    for message in catalog:
        if message.id:
            return message.id if isinstance(message.id, str) else message.id[0]
    return None


def fill(language, translations):
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    text = path.read_text(encoding="utf-8")
    # A language with one plural form (Chinese, Malay, Thai, Vietnamese) keeps one msgstr[].
    plurals = re.search(r"nplurals=(\d+)", text)
    plural_forms = int(plurals.group(1)) if plurals else 2
    entries = text.split("\n\n")
    filled = 0
    for index, entry in enumerate(entries):
        lines = entry.split("\n")
        if not any(line.startswith("msgid ") for line in lines):
            continue
        msgid = entry_msgid(lines)
        if msgid not in translations or language not in translations[msgid]:
            continue
        value = translations[msgid][language]
        kept = []
        in_msgstr = False
        for line in lines:
            if line.startswith("msgstr"):
                in_msgstr = True  # the old translation and its continuation lines go
                continue
            if in_msgstr and line.startswith('"'):
                continue
            in_msgstr = False
            if line.startswith("#|"):
                continue  # makemessages' guess at a previous msgid
            if line.startswith("#,"):
                flags = [
                    flag.strip()
                    for flag in line[2:].split(",")
                    if flag.strip() != "fuzzy"
                ]
                if not flags:
                    continue
                line = "#, " + ", ".join(flags)
            kept.append(line)
        if isinstance(value, list):
            kept += [
                f"msgstr[{number}] {po_string(form)}"
                for number, form in enumerate(value[:plural_forms])
            ]
        else:
            kept.append(f"msgstr {po_string(value)}")
        entries[index] = "\n".join(kept)
        filled += 1
    path.write_text("\n\n".join(entries), encoding="utf-8")
    return filled


def main():
    translations = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    languages = {language for forms in translations.values() for language in forms}
    for language in sorted(languages):
        print(f"{language}: {fill(language, translations)} entries filled")


if __name__ == "__main__":
    main()
