#!/usr/bin/python3
"""Make a text3 set: clean Vietnamese admin documents of six genres, each damaged
by one kind of real-tool damage per file, truth = the clean lines.

  /usr/bin/python3 gen.py --set dev   --out /work/dev-data/text3/dev   (seed 3301)
  /usr/bin/python3 gen.py --set aside --out /work/dev-data/text3/aside (seed 7719)

Layout of a set: in/KIND/GENRE_KIND.EXT (what sohoa reads), truth/GENRE_KIND.txt
(clean UTF-8 NFC lines), work/ (docx, html, pdf, png made on the way),
manifest.json (per file: kind, variant, genre, truth path, per-line control flags).
"""
import argparse, html, json, os, random, shutil, subprocess, sys, unicodedata as ud
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import t3text, t3enc

KINDS = ["clean", "strip_full", "strip_mixed", "moji_tcvn3", "moji_vni", "moji_viscii", "legacy_bytes",
         "cp1258_iconv", "word_1258", "entities", "utf16", "invisible",
         "pdftotext_lo", "pdftotext_chromium", "pdf_direct", "ocr_eng"]

LO_FONTS = ["Liberation Serif", "C059", "DejaVu Serif", "Nimbus Roman", "P052", "Liberation Sans"]
CH_FONTS = ["DejaVu Serif", "Liberation Serif", "DejaVu Sans", "Liberation Sans", "DejaVu Serif Condensed"]


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, **kw)
    if p.returncode != 0:
        raise RuntimeError("%s: %s" % (cmd, p.stderr.decode(errors="replace")[-500:]))
    return p.stdout


def nfc(s):
    return ud.normalize("NFC", s)


# ------------------------------------------------------------------ builders
def make_docx(lines, path, font, nfd, rng, size=10):
    import docx
    from docx.shared import Pt, Cm
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(42.0), Cm(29.7)   # A3 landscape: no line wraps
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, m, Cm(1.5))
    st = d.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(size)
    st.paragraph_format.space_after = Pt(2)
    for i, l in enumerate(lines):
        p = d.add_paragraph()
        r = p.add_run(ud.normalize("NFD", l) if nfd else l)
        r.font.name = font
        r.font.size = Pt(size)
        if l.isupper() and len(l) < 60:
            r.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.save(path)


def make_html(lines, font, size, nfd, page="A4 landscape"):
    body = []
    for l in lines:
        t = html.escape(ud.normalize("NFD", l) if nfd else l)
        if l.isupper() and len(l) < 60:
            body.append(f'<p style="text-align:center;font-weight:bold">{t}</p>')
        else:
            body.append(f"<p>{t}</p>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page{{size:{page};margin:12mm}}"
            f"body{{font-family:'{font}';font-size:{size}pt;white-space:nowrap}}p{{margin:0 0 3pt 0}}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def chromium_pdf(html_path, pdf_path):
    run(["timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         "--print-to-pdf=" + str(pdf_path), "file://" + str(html_path)])


def soffice(src, fmt, outdir):
    run(["timeout", "180", "soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)])


def pdftotext(pdf, mode):
    args = ["pdftotext"] + ([mode] if mode else []) + [str(pdf), "-"]
    return run(args).decode("utf-8")


def degrade(png, out, how, rng):
    import cv2, numpy as np
    img = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    if how in ("blur_noise", "scan"):
        img = cv2.GaussianBlur(img, (3, 3), 0.8)
        noise = np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 14, img.shape)
        img = np.clip(img.astype(float) + noise, 0, 255).astype("uint8")
    if how in ("rotate", "scan"):
        ang = rng.choice([-1, 1]) * rng.uniform(0.3, 0.9)
        h, w = img.shape
        M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
        img = cv2.warpAffine(img, M, (w, h), borderValue=255)
    if how in ("jpeg", "scan"):
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(25, 45)])
        img = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    cv2.imwrite(str(out), img)


# ------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True, choices=["dev", "aside"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else {"dev": 3301, "aside": 7719}[a.set]
    rng = random.Random(seed)
    out = Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    for d in ("in", "truth", "work"):
        (out / d).mkdir(parents=True)
    manifest = {"set": a.set, "seed": seed, "files": []}
    legacy_cycle = ["tcvn3", "vni", "viscii"]

    for gi, genre in enumerate(t3text.GENRES):
        for ki, kind in enumerate(KINDS):
            r = random.Random(rng.randint(0, 1 << 30))
            lines = t3text.make_doc(genre, a.set, r)
            name = f"{genre}_{kind}"
            (out / "in" / kind).mkdir(exist_ok=True)
            truth = "\n".join(lines) + "\n"
            (out / "truth" / (name + ".txt")).write_text(truth, encoding="utf-8")
            control = [False] * len(lines)   # line left right by the damage
            variant = ""
            ext = "txt"
            data = None                      # bytes of the input file
            if kind == "clean":
                variant = r.choice(["lf", "crlf"])
                nl = "\r\n" if variant == "crlf" else "\n"
                data = (nl.join(lines) + nl).encode()
                control = [True] * len(lines)
            elif kind == "strip_full":
                st = [t3enc.strip_marks(l) for l in lines]
                control = [s == l for s, l in zip(st, lines)]
                data = ("\n".join(st) + "\n").encode()
            elif kind == "strip_mixed":
                variant = r.choice(["block", "scattered", "blocks"])
                n = len(lines)
                mark = [False] * n
                share = r.uniform(0.3, 0.5)
                if variant == "block":
                    k = int(n * share); s0 = r.randint(5, n - k)
                    for i in range(s0, s0 + k): mark[i] = True
                elif variant == "scattered":
                    for i in r.sample(range(n), int(n * share)): mark[i] = True
                else:
                    for _ in range(3):
                        k = r.randint(2, 5); s0 = r.randint(0, n - k)
                        for i in range(s0, s0 + k): mark[i] = True
                st = [t3enc.strip_marks(l) if m else l for l, m in zip(lines, mark)]
                control = [s == l for s, l in zip(st, lines)]
                data = ("\n".join(st) + "\n").encode()
            elif kind.startswith("moji_"):
                enc = kind[5:]
                variant = enc
                bl = []
                for l in lines:
                    if enc == "tcvn3": b = t3enc.tcvn3_encode(l)
                    elif enc == "vni": b = t3enc.vni_encode(l)
                    else: b = t3enc.iconv(l.encode(), "UTF-8", "VISCII")
                    bl.append(t3enc.mojibake(b))
                control = [m == l for m, l in zip(bl, lines)]
                data = ("\n".join(bl) + "\n").encode()
            elif kind == "legacy_bytes":
                enc = legacy_cycle[gi % 3]
                nl = r.choice(["\n", "\r\n"])
                variant = enc + ("_crlf" if nl == "\r\n" else "_lf")
                text = nl.join(lines) + nl
                if enc == "tcvn3": data = t3enc.tcvn3_encode(text)
                elif enc == "vni": data = t3enc.vni_encode(text)
                else: data = t3enc.iconv(text.encode(), "UTF-8", "VISCII")
                control = [l.isascii() for l in lines]
            elif kind == "cp1258_iconv":
                variant = r.choice(["bytes", "bytes", "moji_cp1252"])
                b = t3enc.iconv(("\r\n".join(lines) + "\r\n").encode(), "UTF-8", "CP1258")
                if variant == "bytes":
                    data = b
                    control = [l.isascii() for l in lines]
                else:
                    mj = t3enc.mojibake(b)
                    data = mj.encode()
                    control = [m == l for m, l in zip(mj.split("\r\n"), lines)]
            elif kind == "word_1258":
                variant = r.choice(["MS_1258,CRLF", "MS_1258,LF"])
                font = r.choice(LO_FONTS)
                docx = out / "work" / (name + ".docx")
                make_docx(lines, docx, font, False, r)
                soffice(docx, "txt:Text (encoded):" + variant, out / "work")
                data = (out / "work" / (name + ".txt")).read_bytes()
                variant += "|" + font
                control = [l.isascii() for l in lines]
            elif kind == "entities":
                variant = r.choice(["dec", "hex", "named+dec", "dec_partial"])
                outl = []
                for l in lines:
                    s = []
                    for c in l:
                        if ord(c) < 128 and c not in "&<>":
                            s.append(c)
                        elif variant == "dec_partial" and ord(c) < 0x180 and c not in "&<>":
                            s.append(c)      # Latin-1/Ext-A written as is, the rest as refs
                        elif variant == "hex":
                            s.append("&#x%X;" % ord(c))
                        elif variant == "named+dec" and ord(c) in html.entities.codepoint2name:
                            s.append("&%s;" % html.entities.codepoint2name[ord(c)])
                        else:
                            s.append("&#%d;" % ord(c))
                    outl.append("".join(s))
                control = [o == l for o, l in zip(outl, lines)]
                data = ("\n".join(outl) + "\n").encode()
            elif kind == "utf16":
                variant = r.choice(["le_bom_crlf", "be_bom_lf", "le_nobom_crlf", "be_nobom_crlf"])
                nl = "\r\n" if variant.endswith("crlf") else "\n"
                text = nl.join(lines) + nl
                codec = "utf-16-le" if variant.startswith("le") else "utf-16-be"
                bom = b"" if "nobom" in variant else ("\ufeff".encode(codec))
                data = bom + text.encode(codec)
                control = [l.isascii() for l in lines]
            elif kind == "invisible":
                variant = r.choice(["shy+nbsp", "zw+nbsp+crlf", "all+crlf"])
                outl = []
                for l in lines:
                    w = l.split(" ")
                    s = []
                    for j, t in enumerate(w):
                        if ("shy" in variant or "all" in variant) and len(t) >= 5 and r.random() < 0.3:
                            p = r.randint(2, len(t) - 2)
                            t = t[:p] + "\u00ad" + t[p:]
                        if ("zw" in variant or "all" in variant) and r.random() < 0.12:
                            p = r.randint(0, len(t))
                            t = t[:p] + r.choice(t3enc.INVIS_ZW) + t[p:]
                        s.append(t)
                    sep = [(" " if r.random() > 0.15 else "\u00a0") for _ in range(len(s) - 1)]
                    outl.append(s[0] + "".join(x + y for x, y in zip(sep, s[1:])))
                control = [o == l for o, l in zip(outl, lines)]
                nl = "\r\n" if "crlf" in variant else "\n"
                data = (nl.join(outl) + nl).encode()
            elif kind in ("pdftotext_lo", "pdftotext_chromium", "pdf_direct"):
                use_lo = kind == "pdftotext_lo" or (kind == "pdf_direct" and gi % 2 == 0)
                nfd = r.random() < 0.8
                if use_lo:
                    font = LO_FONTS[(gi + ki) % len(LO_FONTS)]
                    docx = out / "work" / (name + ".docx")
                    make_docx(lines, docx, font, nfd, r, size=r.choice([9, 10, 11]))
                    soffice(docx, "pdf", out / "work")
                    pdf = out / "work" / (name + ".pdf")
                    variant = "lo|" + font
                else:
                    font = CH_FONTS[(gi + ki) % len(CH_FONTS)]
                    hp = out / "work" / (name + ".html")
                    hp.write_text(make_html(lines, font, r.choice([9, 10]), nfd, "A3 landscape"), encoding="utf-8")
                    pdf = out / "work" / (name + ".pdf")
                    chromium_pdf(hp, pdf)
                    variant = "chromium|" + font
                variant += "|nfd" if nfd else "|nfc"
                if kind == "pdf_direct":
                    ext = "pdf"
                    data = pdf.read_bytes()
                    control = [l.isascii() for l in lines]
                else:
                    mode = r.choice(["", "-layout", "-raw"]) if use_lo else r.choice(["", "-layout"])
                    variant += "|pdftotext" + (" " + mode if mode else "")
                    txt = pdftotext(pdf, mode)
                    data = txt.encode()
                    got = set(" ".join(nfc(x).split()) for x in txt.replace("\f", "\n").split("\n"))
                    control = [l in got for l in lines]
            elif kind == "ocr_eng":
                font = CH_FONTS[gi % len(CH_FONTS)]
                size = r.choice([10, 11, 12])
                maxlen = max(len(l) for l in lines)
                size = min(size, int(262 / (maxlen * 0.19)))   # never wider than the page (nowrap)
                hp = out / "work" / (name + ".html")
                hp.write_text(make_html(lines, font, size, False, "A4 landscape"), encoding="utf-8")
                pdf = out / "work" / (name + ".pdf")
                chromium_pdf(hp, pdf)
                how = ["clean", "blur_noise", "jpeg", "rotate", "scan", "clean"][gi]
                dpi = {"clean": 300, "blur_noise": 300, "jpeg": 200, "rotate": 250, "scan": 200}[how]
                run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(out / "work" / name)])
                pages = sorted((out / "work").glob(name + "-*.png"))
                txts = []
                for pg in pages:
                    dg = pg.with_suffix(".deg.png")
                    degrade(pg, dg, how, r)
                    txts.append(run(["tesseract", str(dg), "-", "-l", "eng", "--psm", "4"],
                                    env=dict(os.environ, OMP_THREAD_LIMIT="1")).decode("utf-8"))
                txt = "\f".join(txts)
                variant = f"{how}|{dpi}dpi|{font}|{size}pt|{len(pages)}p"
                data = txt.encode()
                got = set(" ".join(nfc(x).split()) for x in txt.replace("\f", "\n").split("\n"))
                control = [l in got for l in lines]
            fn = out / "in" / kind / f"{name}.{ext}"
            fn.write_bytes(data)
            manifest["files"].append({"path": f"in/{kind}/{name}.{ext}", "truth": f"truth/{name}.txt",
                                      "kind": kind, "genre": genre, "variant": variant,
                                      "lines": len(lines), "control": control})
            print(name, variant, len(lines), sum(control), flush=True)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
