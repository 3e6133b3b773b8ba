#!/usr/bin/python3
"""Write the scan resolution into a page image as a real scanner does (PNG pHYs, TIFF
X/YResolution, JPEG JFIF density; the JPEG is patched in place, not re-encoded).
Used by gen.py for every image it writes; `dpi_meta.py --set DIR` applies it to a set made
before gen.py did so (reads each file's dpi from its truth)."""
import argparse
import glob
import json
import os

from PIL import Image


def set_dpi(path, dpi):
    ext = path.lower().rsplit(".", 1)[-1]
    if ext in ("jpg", "jpeg"):
        b = bytearray(open(path, "rb").read())
        i = b.find(b"JFIF\x00")
        if i < 0:
            raise ValueError("no JFIF header in " + path)
        b[i + 7] = 1  # units: dots per inch
        b[i + 8:i + 10] = dpi.to_bytes(2, "big")
        b[i + 10:i + 12] = dpi.to_bytes(2, "big")
        open(path, "wb").write(bytes(b))
    elif ext == "png":
        im = Image.open(path)
        im.load()
        im.save(path, dpi=(dpi, dpi))
    elif ext in ("tif", "tiff"):
        im = Image.open(path)
        im.load()
        comp = "group4" if im.mode == "1" else "tiff_lzw"
        im.save(path, compression=comp, dpi=(dpi, dpi))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    a = ap.parse_args()
    n = 0
    for jf in glob.glob(os.path.join(a.set, "*.json")):
        if jf.endswith("manifest.json"):
            continue
        t = json.load(open(jf))
        p = jf[:-5]
        if not p.endswith(".pdf"):
            set_dpi(p, int(t["dpi"]))
            n += 1
    print("dpi written into %d images" % n)
