#!/usr/bin/env python3
"""Makes fixtures/pdf_words/: born-digital PDFs whose text layer splits words
into glyph runs, with the text they were made from.
  libreoffice.docx/.pdf  a report excerpt written with python-docx (Times New
                         Roman, bold capitals, a table) and printed to PDF by
                         LibreOffice (`soffice --headless --convert-to pdf`);
                         marked letters come from a fallback font, so Poppler
                         gives "T" "Ỉ" "NH" as separate boxes
  libreoffice.txt        the words of the source, one paragraph or table row a line
  tcvn3.pdf, vni.pdf     fixtures/word/tcvn3.docx and vni.docx (legacy-font Word
                         reports) printed by LibreOffice: the legacy bytes are
                         drawn by a fallback font, so only byte statistics tell
Needs /usr/bin/python3 with python3-docx, and soffice.
Usage: scripts/make_pdf_word_fixtures.py   (from the repository root)
"""
import os, shutil, subprocess, tempfile

import docx
from docx.shared import Pt

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "pdf_words")

# Written for this fixture, in the shape of a monthly report.
HEADING = ["UBND TỈNH KON TUM", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BODY = ["Số: 197/BC-TTPVHCC", "BÁO CÁO",
        "Kết quả giải quyết thủ tục hành chính tháng 11 năm 2020",
        "Thực hiện Nghị định số 61/2018/NĐ-CP của Chính phủ về thực hiện cơ chế "
        "một cửa, Trung tâm báo cáo kết quả như sau:",
        "Tổng số hồ sơ tiếp nhận trong tháng là 2.822 hồ sơ; đã giải quyết đúng hạn "
        "1.880 hồ sơ, quá hạn 12 hồ sơ. Sở Tư pháp, Sở Lao động - Thương binh và Xã hội "
        "đã trả kết quả đúng hẹn."]
TABLE = [["STT", "Đơn vị", "Tiếp nhận", "Đúng hạn", "Quá hạn"],
         ["1", "Sở Tư pháp", "464", "285", "0"],
         ["2", "Sở Giao thông Vận tải", "2.193", "1.167", "12"],
         ["3", "Ủy ban nhân dân huyện Đắk Hà", "165", "160", "5"]]


def main():
    os.makedirs(OUT, exist_ok=True)
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Nimbus Roman"  # no Vietnamese: glyph fallback, as in the archive
    style.font.size = Pt(13)
    for i, text in enumerate(HEADING + BODY):
        run = d.add_paragraph().add_run(text)
        run.bold = text.isupper() or i < len(HEADING)
    t = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    t.style = "Table Grid"
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            t.cell(r, c).text = cell
    src = os.path.join(OUT, "libreoffice.docx")
    d.save(src)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/u",
                        "--convert-to", "pdf", "--outdir", tmp, src],
                       check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "libreoffice.pdf"), os.path.join(OUT, "libreoffice.pdf"))
        for name in ("tcvn3", "vni"):
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/u",
                            "--convert-to", "pdf", "--outdir", tmp,
                            os.path.join(ROOT, "fixtures", "word", name + ".docx")],
                           check=True, capture_output=True)
            shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(OUT, name + ".pdf"))
    with open(os.path.join(OUT, "libreoffice.txt"), "w", encoding="utf-8") as f:
        for line in HEADING + BODY + [" ".join(r) for r in TABLE]:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
