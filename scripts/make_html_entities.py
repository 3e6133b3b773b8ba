#!/usr/bin/env python3
"""Writes dictionaries/encodings/html_entities.txt: the HTML named character
references (the WHATWG list, as Python's html.entities.html5 ships it) whose
value is one character a Vietnamese text may hold: the letters of Latin-1 and
Latin Extended-A/B (à, ă, đ, ĩ, ũ, ơ, ư ...) and common punctuation and
symbols. Only names with a closing ';' are kept.

  python3 scripts/make_html_entities.py > dictionaries/encodings/html_entities.txt
"""
import html.entities
import unicodedata

KEEP_CATEGORIES = ("L", "P", "S", "Z")


def wanted(cp):
    if cp < 0x20 or 0x7F <= cp < 0xA0:
        return False
    if cp < 0x250:  # ASCII, Latin-1, Latin Extended-A and -B
        return True
    if 0x1EA0 <= cp <= 0x1EF9:  # Latin Extended Additional: Vietnamese letters
        return True
    cat = unicodedata.category(chr(cp))
    return 0x2000 <= cp <= 0x20CF and cat[0] in KEEP_CATEGORIES  # punctuation, currency


def main():
    print("# HTML named character references for Vietnamese text: name <TAB> code point (hex).")
    print("# Made by scripts/make_html_entities.py from the WHATWG list (Python html.entities).")
    rows = []
    for name, value in html.entities.html5.items():
        if not name.endswith(";") or len(value) != 1:
            continue
        cp = ord(value)
        if wanted(cp):
            rows.append((name[:-1], cp))
    for name, cp in sorted(rows):
        print(f"{name}\t{cp:04X}")


if __name__ == "__main__":
    main()
