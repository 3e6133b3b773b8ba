"""Shared by verify.py and score.py (not by gen.py): text of a file by ordinary tools, name folding."""
import html as htmlmod, os, re, subprocess, tempfile, unicodedata


def fold(s):
    s = unicodedata.normalize("NFD", s or "")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D").lower()
    s = s.replace("&", " va ")
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def tcvn3_decode(b):
    """glibc iconv TCVN5712-1 (the bytes >= 0xA1 are those of TCVN3 / ABC)."""
    r = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "utf-8"], input=b, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("iconv: " + r.stderr.decode())
    return unicodedata.normalize("NFC", r.stdout.decode())


def html_text(s):
    s = re.sub(r"(?is)<(script|style).*?</\1>", " ", s)
    s = re.sub(r"(?i)</t[dh]>", "\t", s)
    s = re.sub(r"(?i)<br\s*/?>|</p>|</tr>|</div>|</h\d>", "\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    return htmlmod.unescape(s)


_lo_cache = {}


def office_texts(paths, tmp):
    """.rtf/.odt/.doc -> text through LibreOffice (one batch)."""
    todo = [p for p in paths if p not in _lo_cache]
    if todo:
        prof = "-env:UserInstallation=file:///tmp/archc_lo_profile_read"
        for k in range(0, len(todo), 15):
            subprocess.run(["soffice", prof, "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                            "--outdir", tmp] + todo[k:k + 15], capture_output=True, timeout=900)
        for p in todo:
            q = os.path.join(tmp, os.path.splitext(os.path.basename(p))[0] + ".txt")
            _lo_cache[p] = open(q, encoding="utf-8-sig", errors="replace").read() if os.path.exists(q) else ""
    return {p: _lo_cache[p] for p in paths}


def docx_text(path):
    import docx
    D = docx.Document(path)
    out = []
    body = D.element.body
    for el in body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for tr in el.iter():
                if tr.tag.endswith("}tr"):
                    cells = []
                    for tc in tr:
                        if tc.tag.endswith("}tc"):
                            cells.append("\n".join("".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                                   for p in tc if p.tag.endswith("}p")))
                    out.append("\t".join(cells))
    return "\n".join(out)


def file_text(path, tmp, scanned_ok=False):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        return docx_text(path)
    if ext in (".rtf", ".odt", ".doc"):
        return office_texts([path], tmp)[path]
    if ext in (".html", ".htm"):
        return html_text(open(path, encoding="utf-8", errors="replace").read())
    if ext == ".pdf":
        return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True).stdout.decode("utf-8", "replace")
    if ext in (".txt", ".md", ".tsv"):
        b = open(path, "rb").read()
        try:
            return unicodedata.normalize("NFC", b.decode("utf-8"))
        except UnicodeDecodeError:
            return tcvn3_decode(b)
    return ""


def ocr_text(path, tmp):
    """Peer only: tesseract on each page (pdftoppm for PDFs)."""
    ext = os.path.splitext(path)[1].lower()
    imgs = []
    if ext == ".pdf":
        stem = os.path.join(tmp, "ocr_" + str(abs(hash(path))))
        subprocess.run(["pdfimages", "-j", path, stem], capture_output=True)
        d = os.path.dirname(stem)
        imgs = sorted(os.path.join(d, f) for f in os.listdir(d) if f.startswith(os.path.basename(stem)))
    else:
        from PIL import Image
        im = Image.open(path)
        k = 0
        while True:
            try:
                im.seek(k)
            except EOFError:
                break
            q = os.path.join(tmp, "tif_%d_%d.png" % (abs(hash(path)), k))
            im.convert("L").save(q)
            imgs.append(q)
            k += 1
    out = []
    for q in imgs:
        out.append(subprocess.run(["tesseract", q, "-", "-l", "vie", "--psm", "4"], capture_output=True)
                   .stdout.decode("utf-8", "replace"))
    return "\n".join(out)
