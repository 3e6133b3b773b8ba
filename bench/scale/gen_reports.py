#!/usr/bin/env python3
"""N distinct monthly text reports for the scale benchmark (bench/scale/README.md).

Each report is one issuer (a body of a province) for one month, so no two files
are copies or conflicts of each other: provinces x bodies x months, in that order
of variation, until N. Bodies, provinces, units (a varying subset, 8-70 rows),
numbers (consistent totals, carry-over from the issuer's previous month) and the
narrative vary; files are 5-30 KB of UTF-8 text like a pdftotext'd report.
  gen_reports.py --n 1000 --out DIR [--seed 1]
"""
import argparse, os, random

PROVINCES = ("An Giang,Bà Rịa - Vũng Tàu,Bắc Giang,Bắc Kạn,Bạc Liêu,Bắc Ninh,Bến Tre,Bình Định,"
             "Bình Dương,Bình Phước,Bình Thuận,Cà Mau,Cao Bằng,Đắk Lắk,Đắk Nông,Điện Biên,Đồng Nai,"
             "Đồng Tháp,Gia Lai,Hà Giang,Hà Nam,Hà Tĩnh,Hải Dương,Hậu Giang,Hòa Bình,Hưng Yên,"
             "Khánh Hòa,Kiên Giang,Kon Tum,Lai Châu,Lâm Đồng,Lạng Sơn,Lào Cai,Long An,Nam Định,"
             "Nghệ An,Ninh Bình,Ninh Thuận,Phú Thọ,Phú Yên,Quảng Bình,Quảng Nam,Quảng Ngãi,"
             "Quảng Ninh,Quảng Trị,Sóc Trăng,Sơn La,Tây Ninh,Thái Bình,Thái Nguyên,Thanh Hóa,"
             "Thừa Thiên Huế,Tiền Giang,Trà Vinh,Tuyên Quang,Vĩnh Long,Vĩnh Phúc,Yên Bái").split(",")
BODIES = [("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Trung tâm Phục vụ hành chính công", "TTHC"),
          ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh", "VP"),
          ("SỞ NỘI VỤ", "Sở Nội vụ", "SNV"),
          ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyền thông", "STTTT")]
UNITS = ["Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo", "Sở Giao thông vận tải",
         "Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ",
         "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính", "Sở Tài nguyên và Môi trường",
         "Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "Sở Xây dựng", "Sở Công Thương",
         "Sở Khoa học và Công nghệ", "Ban Quản lý các khu công nghiệp", "Thanh tra tỉnh",
         "Sở Ngoại vụ", "Ban Dân tộc", "Công an tỉnh", "Bảo hiểm xã hội tỉnh", "Cục Thuế tỉnh"]
DISTRICTS = ["Thành phố", "Thị xã", "Huyện Đông", "Huyện Tây", "Huyện Nam", "Huyện Bắc", "Huyện Sơn",
             "Huyện Hải", "Huyện Bình", "Huyện An", "Huyện Phú", "Huyện Tân", "Huyện Vĩnh",
             "Huyện Đức", "Huyện Hòa", "Huyện Lộc", "Huyện Thạnh", "Huyện Mỹ", "Huyện Long",
             "Huyện Xuân", "Huyện Cát", "Huyện Kim", "Huyện Ngọc", "Huyện Thuận"]
COMMUNES = ["Hòa An", "Tân Lập", "Phước Sơn", "Bình Minh", "Long Hưng", "Mỹ Lộc", "Xuân Phú",
            "Đông Hòa", "Tây Sơn", "Nam Phương", "Quảng Phú", "Cát Tiên"]
SIGNERS = ["Phạm Quốc Khánh", "Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Minh Tuấn", "Võ Thị Lan",
           "Đặng Hữu Phước", "Hoàng Anh Dũng", "Bùi Thị Thu"]
ACTIVITIES = [
    "Bảo đảm các điều kiện về cơ sở vật chất, trang thiết bị phục vụ hoạt động của đơn vị; đề xuất trang bị bổ sung máy lấy số thứ tự tự động.",
    "Hỗ trợ, hướng dẫn tổ chức, cá nhân nộp hồ sơ trực tuyến mức độ 3, mức độ 4 và thanh toán phí, lệ phí không dùng tiền mặt.",
    "Phối hợp các sở ngành thực hiện tốt quy chế phối hợp; theo dõi, đôn đốc các quầy tiếp nhận và trả kết quả giải quyết TTHC đúng hạn.",
    "Phối hợp Bưu điện tỉnh thực hiện tiếp nhận và trả kết quả giải quyết TTHC qua dịch vụ bưu chính công ích.",
    "Tổ chức tập huấn nghiệp vụ cho công chức làm việc tại Bộ phận một cửa các cấp về kỹ năng giao tiếp, ứng xử.",
    "Rà soát, cập nhật, công khai danh mục thủ tục hành chính trên Cổng dịch vụ công và tại trụ sở.",
    "Tiếp nhận, xử lý phản ánh, kiến nghị của tổ chức, cá nhân về quy định hành chính theo đúng quy định.",
    "Thực hiện chấm điểm đánh giá việc giải quyết TTHC của các cơ quan, đơn vị theo quy định.",
]


def fmt(v):
    return f"{v:,}".replace(",", ".")


def wrap(text, width=80):
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line + " ")
            line = w
        else:
            line = (line + " " + w) if line else w
    return out + [line]


def report(rng, prov, body, month, year, units, prev_pending):
    up, name, code = body
    rows, pending = [], {}
    for u in units:
        carried = prev_pending.get(u, rng.randint(0, 120))
        new = rng.randint(0, 3000) if rng.random() < 0.2 else rng.randint(0, 400)
        total = carried + new
        resolved = rng.randint(total * 6 // 10, total) if total else 0
        early = rng.randint(0, resolved)
        late = rng.randint(0, (resolved - early) // 5) if resolved - early else 0
        ontime = resolved - early - late
        open_ = total - resolved
        overdue = rng.randint(0, open_ // 20) if open_ else 0
        returned = rng.randint(0, 3)
        online = rng.randint(0, new)
        rows.append((u, total, carried, new, resolved, early, ontime, late, open_, open_ - overdue,
                     overdue, returned, online))
        pending[u] = open_
    tot = [sum(r[i] for r in rows) for i in range(1, 13)]
    day = rng.randint(5, 28)
    number = rng.randint(1, 999)
    pm, py = (month - 1, year) if month > 1 else (12, year - 1)
    nm, ny = (month + 1, year) if month < 12 else (1, year + 1)
    lines = [f"UBND TỈNH {prov.upper()}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             f"{up}\tĐộc lập - Tự do - Hạnh phúc",
             f"Số: {number}/BC-{code}\t{prov}, ngày {day} tháng {month} năm {year}", "", "",
             "BÁO CÁO", f"Tình hình, kết quả giải quyết thủ tục hành chính của {name}",
             f"tháng {month} năm {year}", ""]
    intro = (f"Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế "
             f"một cửa, một cửa liên thông trong giải quyết thủ tục hành chính, {name} tỉnh {prov} "
             f"báo cáo kết quả giải quyết thủ tục hành chính tháng {month} năm {year} "
             f"(từ ngày 1/{month}/{year} đến hết tháng {month}/{year}) như sau:")
    lines += wrap(intro) + ["", "1. Tình hình, kết quả giải quyết thủ tục hành chính", ""]
    pct = lambda a, b: f"{100 * a / b:.2f}".replace(".", ",") if b else "0"
    lines += wrap(f"- Đã nhận được {fmt(tot[0])} hồ sơ TTHC, trong đó: kỳ trước chuyển sang "
                  f"{fmt(tot[1])} hồ sơ, tiếp nhận mới {fmt(tot[2])} hồ sơ; đã giải quyết "
                  f"{fmt(tot[3])} hồ sơ (chiếm {pct(tot[3], tot[0])}%), trong đó trễ hạn "
                  f"{fmt(tot[6])} hồ sơ; đang giải quyết {fmt(tot[7])} hồ sơ.")
    lines += ["(Đính kèm Phụ lục I).", "", "Cụ thể từng đơn vị:"]
    for r in rng.sample(rows, rng.randint(len(rows) // 3, len(rows))):
        lines += wrap(f"+ {r[0]}: tiếp nhận {fmt(r[1])} hồ sơ (kỳ trước chuyển sang {fmt(r[2])}, "
                      f"mới {fmt(r[3])}); đã giải quyết {fmt(r[4])} hồ sơ, trong đó trước hạn "
                      f"{fmt(r[5])}, đúng hạn {fmt(r[6])}, quá hạn {fmt(r[7])}; đang giải quyết "
                      f"{fmt(r[8])} hồ sơ, trong đó quá hạn {fmt(r[10])}.")
    lines += ["", "2. Các hoạt động khác"]
    for a in rng.sample(ACTIVITIES, rng.randint(2, len(ACTIVITIES))):
        lines += wrap("- " + a)
    lines += ["", f"3. Nhiệm vụ trọng tâm tháng {nm} năm {ny}"]
    for a in rng.sample(ACTIVITIES, rng.randint(1, 4)):
        lines += wrap("- Tiếp tục " + a[0].lower() + a[1:])
    lines += ["", *wrap(f"Trên đây là báo cáo kết quả giải quyết thủ tục hành chính tháng {month} "
                        f"năm {year} của {name}./."), "", "Nơi nhận:", "- UBND tỉnh (để b/c);",
              "- Lưu: VT.", "", "GIÁM ĐỐC", "", "", rng.choice(SIGNERS), "", "",
              "PHỤ LỤC I", f"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THÁNG {month} NĂM {year}",
              f"(Kèm theo Báo cáo số {number}/BC-{code} ngày {day}/{month}/{year})", "",
              "STT\tĐơn vị\tSố hồ sơ tiếp nhận\t\t\tSố hồ sơ đã giải quyết\t\t\t\tĐang giải quyết\t\t\tSố hồ sơ trả lại\tTiếp nhận trực tuyến",
              "\t\tTổng số\tTrong đó\t\tTổng số\tTrước hạn\tĐúng hạn\tQuá hạn\tTổng số\tTrong hạn\tQuá hạn\t\t",
              "\t\t\tTừ kỳ trước chuyển sang\tMới tiếp nhận\t\t\t\t\t\t\t\t\t"]
    for i, r in enumerate(rows, 1):
        lines.append("\t".join([str(i), r[0]] + [fmt(v) for v in r[1:]]))
    lines.append("\t".join(["", "Tổng cộng"] + [fmt(v) for v in tot]))
    return "\n".join(lines) + "\n", pending


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--months", type=int, default=48, help="months per issuer")
    ap.add_argument("--year", type=int, default=2015, help="the first month is January of this year")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    issuers = [(p, b) for b in BODIES for p in PROVINCES]
    months = max(-(-a.n // len(issuers)), min(a.months, a.n))
    made = 0
    for p, b in issuers:
        if made >= a.n:
            break
        units = rng.sample(UNITS, rng.randint(6, len(UNITS))) + \
            [d + " " + rng.choice(["A", "B", "C", "D", "E"]) for d in rng.sample(DISTRICTS, rng.randint(2, len(DISTRICTS)))] + \
            [f"UBND xã {rng.choice(COMMUNES)} {i}" for i in range(rng.choice([0, 0, 10, 30, 60]))]
        folder = os.path.join(a.out, p.replace(" ", "_"), b[2])
        os.makedirs(folder, exist_ok=True)
        pending = {}
        for k in range(months):
            if made >= a.n:
                break
            year, month = a.year + k // 12, k % 12 + 1
            text, pending = report(rng, p, b, month, year, units, pending)
            with open(os.path.join(folder, f"Bao cao thang {month} nam {year}.txt"), "w") as f:
                f.write(text)
            made += 1
    print(made)


if __name__ == "__main__":
    main()
