#!/usr/bin/python3
"""Makes the PDF, image and broken-input fixtures from the seed reports.

Run from anywhere with /usr/bin/python3 (needs PIL, pango-view, pdftoppm,
qpdf). Outputs are deterministic apart from what the tools embed (dates in
PDF metadata); the committed files are the reference, re-run only when a
fixture must change and then re-run the ingest tests.

  fixtures/pdf/     born-digital, image-only and rotated PDFs, their source text
  fixtures/images/  PNG, scan-looking JPEG, 2-page TIFF
  fixtures/broken/  damaged or misleading inputs (see fixtures/broken/README.md)
"""
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures")
SEEDS = os.path.join(FIX, "seeds")
PDF_DIR = os.path.join(FIX, "pdf")
IMG_DIR = os.path.join(FIX, "images")
BROKEN_DIR = os.path.join(FIX, "broken")
FONT = "DejaVu Serif 11"


def run(*args):
    subprocess.run(args, check=True)


def seed_text(prefix):
    for name in sorted(os.listdir(SEEDS)):
        if name.startswith(prefix):
            with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
                return f.read()
    sys.exit("seed %s not found" % prefix)


def clean_lines(text):
    """Seed lines without the blank padding lines and trailing spaces."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line:
            out.append(line)
    return out


def page_text_000():
    """The first page of report 000: heading block and the narrative up to the
    start of section 2 (about one A4 page)."""
    lines = clean_lines(seed_text("000_"))
    start = next(i for i, l in enumerate(lines) if l.startswith("BÁO CÁO"))
    end = next(i for i, l in enumerate(lines) if l.startswith("+ Có 06 hồ sơ"))
    return "\n".join(lines[start:end + 1]) + "\n"


def pages_text_002():
    """Two short chunks of report 002's narrative, one per TIFF page."""
    paras = [l for l in clean_lines(seed_text("002_")) if len(l) > 60 and "|" not in l]
    return ["\n".join(paras[0:3]) + "\n", "\n".join(paras[3:6]) + "\n"]


def pango_pdf(text, out_pdf):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
        src = f.name
    try:
        run("pango-view", "-q", "--font=" + FONT, "--width=500", "--margin=54",
            "--wrap=word", "--output=" + out_pdf, src)
    finally:
        os.unlink(src)


def render_grey(pdf, dpi, page=1):
    """Renders one PDF page to a PIL greyscale image with pdftoppm."""
    with tempfile.TemporaryDirectory() as d:
        run("pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page),
            "-singlefile", pdf, os.path.join(d, "p"))
        img = Image.open(os.path.join(d, "p.png"))
        img.load()
        return img.convert("L")


def scan_look(img, seed):
    """About one degree of skew, a little blur and salt-and-pepper noise."""
    rng = random.Random(seed)
    out = img.rotate(1.0, resample=Image.BICUBIC, expand=True, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.6))
    px = out.load()
    w, h = out.size
    for _ in range(w * h // 2000):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = rng.choice((0, 90, 255))
    return out


def make_good():
    os.makedirs(PDF_DIR, exist_ok=True)
    os.makedirs(IMG_DIR, exist_ok=True)
    text = page_text_000()
    with open(os.path.join(PDF_DIR, "000_page1.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    born = os.path.join(PDF_DIR, "000_page1.pdf")
    pango_pdf(text, born)
    run("qpdf", "--rotate=+90", born, os.path.join(PDF_DIR, "000_page1_rotate90.pdf"))

    png = render_grey(born, 300)
    png.save(os.path.join(IMG_DIR, "000_page1_300dpi.png"), dpi=(300, 300), optimize=True)

    scan = scan_look(png, seed=1)
    scan.save(os.path.join(IMG_DIR, "000_page1_scan.jpg"), quality=60, dpi=(300, 300))
    scan.save(os.path.join(PDF_DIR, "000_page1_scan.pdf"), resolution=300.0, quality=60)

    tiff_pages = []
    for i, chunk in enumerate(pages_text_002()):
        with tempfile.TemporaryDirectory() as d:
            pdf = os.path.join(d, "p.pdf")
            pango_pdf(chunk, pdf)
            tiff_pages.append(render_grey(pdf, 300).point(lambda v: 255 if v > 160 else 0)
                              .convert("1"))
        with open(os.path.join(IMG_DIR, "002_page%d.txt" % (i + 1)), "w", encoding="utf-8") as f:
            f.write(chunk)
    tiff_pages[0].save(os.path.join(IMG_DIR, "002_two_pages.tif"), save_all=True,
                       append_images=tiff_pages[1:], compression="group4", dpi=(300, 300))
    return born, scan


def pdf_bytes(objects):
    """A minimal PDF from object bodies (1-based), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def make_legacy_font_pdf():
    """A text layer in a TCVN3 (ABC) font, as 1990s-2000s Vietnamese offices
    produced: the font is named .VnTime and the bytes are TCVN3 codes, so the
    extracted text is mojibake ("Céng hßa x· héi...") that normalize decodes.
    The font is not embedded; viewers substitute it."""
    line1 = b"C\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam"
    line2 = b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c"
    content = (b"BT /F1 13 Tf 72 760 Td (" + line1 + b") Tj 0 -20 Td (" + line2 +
               b") Tj ET")
    with open(os.path.join(PDF_DIR, "legacy_font_tcvn3.pdf"), "wb") as f:
        f.write(pdf_bytes([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /TrueType /BaseFont /.VnTime "
            b"/Encoding /WinAnsiEncoding >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        ]))


def make_broken(born, scan):
    os.makedirs(BROKEN_DIR, exist_ok=True)

    def put(name, data):
        with open(os.path.join(BROKEN_DIR, name), "wb") as f:
            f.write(data)

    with open(born, "rb") as f:
        good = f.read()
    # Cut in the middle of the page content stream: the trailer and xref are gone.
    put("truncated.pdf", good[: len(good) * 2 // 5])
    # Only the header and the first objects: nothing Poppler can rebuild a page from.
    put("truncated_header_only.pdf", good[:200])

    # Every xref offset and the startxref value point at the wrong place.
    m = re.search(rb"startxref\s+(\d+)", good)
    bad = bytearray(good)
    xref_at = int(m.group(1))
    table_end = good.find(b"trailer", xref_at)
    for mo in re.finditer(rb"(\d{10}) (\d{5}) n", good[xref_at:table_end]):
        s = xref_at + mo.start(1)
        bad[s:s + 10] = b"%010d" % (int(mo.group(1)) + 7)
    s = m.start(1)
    bad[s:s + len(m.group(1))] = b"9" * len(m.group(1))
    put("corrupt_xref.pdf", bytes(bad))

    with tempfile.TemporaryDirectory() as d:
        enc = os.path.join(d, "enc.pdf")
        run("qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", born, enc)
        with open(enc, "rb") as f:
            put("encrypted.pdf", f.read())

    put("zero_pages.pdf", pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]))

    # A text layer whose ToUnicode map sends every code to U+FFFD: the glyphs
    # are drawn (Helvetica) but extraction yields only replacement characters.
    content = b"BT /F1 14 Tf 72 720 Td (Bao cao ket qua hoat dong) Tj 0 -20 Td " \
              b"(Trung tam phuc vu hanh chinh cong) Tj ET"
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /FFFD def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfrange <00> <FF> <FFFD> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    # bfrange increments the destination; a list keeps every code on U+FFFD.
    cmap = cmap.replace(b"<00> <FF> <FFFD>", b"<00> <FF> [" + b"<FFFD>" * 256 + b"]")
    put("fffd_text_layer.pdf", pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]))

    tiny = Image.new("L", (1, 1), 255)
    buf = io.BytesIO()
    tiny.save(buf, format="PDF", resolution=300.0)
    put("one_pixel_page.pdf", buf.getvalue())

    # A real JPEG (a strip of the scan with a few lines of text) named .pdf.
    w, h = scan.size
    strip = scan.crop((0, 0, w, int(h * 0.3)))
    buf = io.BytesIO()
    strip.save(buf, format="JPEG", quality=60, dpi=(300, 300))
    put("jpeg_named.pdf", buf.getvalue())

    put("empty.pdf", b"")

    # Bytes that are invalid UTF-8 everywhere: lone continuation bytes, C0/C1
    # lead bytes, 0xFE/0xFF, between ASCII letters.
    rng = random.Random(8)
    junk = bytearray()
    for i in range(600):
        junk += bytes([rng.choice([0x80, 0x9F, 0xBF, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF])])
        junk += b"abc xyz \n"[i % 9: i % 9 + 1]
    put("invalid_utf8.txt", bytes(junk))

    # 20000 x 20000 pixels, 1-bit constant white: 400 million pixels, ~50 KB on disk.
    huge = Image.new("1", (20000, 20000), 1)
    huge.save(os.path.join(BROKEN_DIR, "huge_20000x20000.png"), optimize=True)


def main():
    for tool in ("pango-view", "pdftoppm", "qpdf"):
        if shutil.which(tool) is None:
            sys.exit("missing tool: " + tool)
    born, scan = make_good()
    make_legacy_font_pdf()
    make_broken(born, scan)


if __name__ == "__main__":
    main()
