"""Clean Vietnamese administrative text for the text3 set, written for this bench.

Six genres (report, minutes, decision, plan, letter, roster).  Each genre has a
pool of body sentence templates; templates with an even index go to `dev`, odd
ones to `aside`, so the two sets share headers and formulas but not body
sentences.  Slots ({district}, {n}, ...) are filled from lists of places,
people (Kinh and ethnic-minority names), numbers, dates and codes.
"""
import random

GENRES = ["report", "minutes", "decision", "plan", "letter", "roster"]

# province -> (districts, communes)
PLACES = {
    "Đắk Lắk": (["Krông Búk", "Ea H'leo", "Krông Pắc", "Buôn Đôn", "Cư M'gar", "Ea Súp", "Lắk", "Krông Ana"],
                ["Ea Tu", "Cư Né", "Pơng Drang", "Ea Khăl", "Ea Nam", "Dliê Yang", "Buôn Triết", "Ea Wer"]),
    "Lai Châu": (["Mường Tè", "Sìn Hồ", "Phong Thổ", "Tam Đường", "Nậm Nhùn", "Tân Uyên"],
                 ["Pa Ủ", "Ka Lăng", "Thu Lũm", "Bum Tở", "Mù Cả", "Tà Tổng", "Hua Bum"]),
    "Gia Lai": (["Chư Prông", "Ia Grai", "Đắk Đoa", "Kbang", "Mang Yang", "Chư Păh"],
                ["Ia Dom", "Ia Băng", "Hà Bầu", "Đăk Smar", "Kon Thụp", "Ia Phí"]),
    "Hà Giang": (["Đồng Văn", "Mèo Vạc", "Hoàng Su Phì", "Xín Mần", "Yên Minh"],
                 ["Lũng Cú", "Sủng Là", "Pải Lủng", "Thèn Chu Phìn", "Nậm Dịch", "Sủng Trà"]),
    "Điện Biên": (["Mường Nhé", "Tủa Chùa", "Điện Biên Đông", "Nậm Pồ", "Mường Chà"],
                  ["Sín Thầu", "Chung Chải", "Huổi Só", "Phình Giàng", "Si Pa Phìn"]),
    "Kon Tum": (["Đắk Glei", "Ngọc Hồi", "Kon Plông", "Sa Thầy", "Tu Mơ Rông"],
                ["Đắk Choong", "Bờ Y", "Măng Cành", "Rờ Kơi", "Ngọk Yêu"]),
    "Sóc Trăng": (["Trần Đề", "Mỹ Xuyên", "Thạnh Trị", "Châu Thành", "Kế Sách"],
                  ["Lịch Hội Thượng", "Tham Đôn", "Thạnh Tân", "Phú Tâm", "Ba Trinh"]),
    "Nghệ An": (["Kỳ Sơn", "Tương Dương", "Quế Phong", "Con Cuông", "Quỳ Châu"],
                ["Mường Lống", "Nậm Cắn", "Tri Lễ", "Môn Sơn", "Châu Hạnh"]),
}

PEOPLE = [
    "Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Quang Vinh", "Phạm Thị Ngọc Ánh", "Hoàng Đức Thắng",
    "Vũ Thị Hường", "Đặng Minh Tuấn", "Bùi Thị Lụa", "Đỗ Xuân Trường", "Ngô Thị Yến", "Dương Văn Khải",
    "Y Nguyên Niê", "H'Hen Niê", "Y Kông Êban", "H'Bia Mlô", "Rơ Mah Thuận", "Ksor Phước", "Siu Hương",
    "Lò Văn Pâng", "Lường Thị Ẻn", "Quàng Văn Dũng", "Pờ Xá Hù", "Lỳ Mé Chà", "Giàng A Sình",
    "Sùng Thị Mai", "Vàng Seo Chứ", "Thào Mí Pó", "Triệu Văn Sằn", "Bàn Thị Mây", "Thạch Sô Phol",
    "Lâm Thị Sa Rươl", "Danh Út", "A Thút", "Y Nhiên", "Lầu Bá Chử", "Hờ A Dế", "Kpă Thị Nguyệt",
    "Nguyễn Thị Huệ", "Lương Văn Chiến", "Mùa A Páo",
]
TITLES = ["Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện", "Chánh Văn phòng HĐND và UBND",
          "Trưởng phòng Tài chính - Kế hoạch", "Trưởng phòng Nội vụ", "Trưởng phòng Tài nguyên và Môi trường",
          "Phó Trưởng phòng Giáo dục và Đào tạo", "Giám đốc Trung tâm Y tế", "Chủ tịch UBND xã",
          "Trưởng Công an huyện", "Bí thư Đảng ủy xã", "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện",
          "Trưởng ban Dân tộc", "Phó Giám đốc Sở Nông nghiệp và PTNT"]
ETHNIC = ["Ê Đê", "Gia Rai", "Thái", "Hà Nhì", "Mông", "Dao", "Khmer", "Xơ Đăng", "Ba Na", "Cơ Tu", "Mường", "Tày", "Nùng"]
MONTHS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]


def vnum(n):
    """12345 -> '12.345' (Vietnamese thousands dot)."""
    s = f"{n:,}".replace(",", ".")
    return s


def vdec(x, d=1):
    return f"{x:,.{d}f}".replace(",", "X").replace(".", ",").replace("X", ".")


FEMALE = {"Siu Hương", "Y Nhiên", "Lỳ Mé Chà", "Ngô Thị Yến"}


def _female(p):
    return "Thị" in p.split() or p.startswith("H'") or p in FEMALE


class Filler:
    def __init__(self, rng, year):
        self.r = rng
        self.year = year
        self.province = rng.choice(sorted(PLACES))
        ds, cs = PLACES[self.province]
        self.districts = ds
        self.communes = cs
        self.district = rng.choice(ds)

    def __getitem__(self, k):
        r = self.r
        if k == "province": return self.province
        if k == "district": return self.district
        if k == "district2": return r.choice([d for d in self.districts if d != self.district])
        if k == "commune": return r.choice(self.communes)
        if k == "commune2": return r.choice(self.communes)
        if k in ("person", "person2", "person3"): return r.choice(PEOPLE)
        if k == "mr": return r.choice([p for p in PEOPLE if not _female(p)])
        if k == "mrs": return r.choice([p for p in PEOPLE if _female(p)])
        if k == "q": return r.choice(["I", "II", "III", "IV", "1", "2", "3", "4"])
        if k == "title": return r.choice(TITLES)
        if k == "ethnic": return r.choice(ETHNIC)
        if k == "n": return str(r.randint(3, 95))
        if k == "n2": return str(r.randint(2, 40))
        if k == "big": return vnum(r.randint(1200, 98000))
        if k == "pct": return vdec(r.uniform(1, 99), r.choice([1, 2]))
        if k == "money": return vdec(r.uniform(1.2, 950), r.choice([1, 2]))
        if k == "ha": return vdec(r.uniform(3, 4200), 1)
        if k == "year": return str(self.year)
        if k == "prev": return str(self.year - 1)
        if k == "next": return str(self.year + 1)
        if k == "date": return f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{self.year}"
        if k == "day": return str(r.randint(1, 28))
        if k == "month": return str(r.randint(1, 12))
        if k == "monthw": return r.choice(MONTHS[2:9])
        if k == "hour": return f"{r.randint(7, 16)} giờ {r.choice(['00', '30', '15'])}"
        if k == "code": return r.choice([f"{r.randint(10, 2999)}/QĐ-UBND", f"{r.randint(10, 999)}/QĐ-TTg",
                                         f"{r.randint(1, 60)}/{self.year - 1}/NQ-HĐND", f"{r.randint(10, 999)}/KH-UBND",
                                         f"{r.randint(10, 999)}/BC-UBND", f"{r.randint(1, 40)}/{self.year - 2}/TT-BTC",
                                         f"{r.randint(10, 1999)}/UBND-VP", f"{r.randint(100, 999)}/CV-STNMT"])
        if k == "nq": return f"{r.randint(1, 60)}/{self.year - 1}/NQ-HĐND"
        if k == "qd": return f"{r.randint(10, 3999)}/QĐ-UBND"
        if k == "ttg": return f"{r.randint(10, 1999)}/QĐ-TTg"
        if k == "tthc": return str(r.randint(12, 480))
        raise KeyError(k)


# ---------------------------------------------------------------- body pools
POOLS = {
"report": [
    "Trong {monthw} tháng đầu năm {year}, tình hình kinh tế - xã hội trên địa bàn huyện {district} tiếp tục ổn định.",
    "Tổng thu ngân sách nhà nước trên địa bàn ước đạt {money} tỷ đồng, bằng {pct}% dự toán tỉnh giao.",
    "Diện tích gieo trồng cây hằng năm đạt {ha} ha; trong đó cây lúa {ha} ha, cây ngô {ha} ha.",
    "Tổng đàn gia súc, gia cầm cơ bản ổn định, không có dịch bệnh lớn xảy ra; tiêm phòng đạt {pct}% kế hoạch.",
    "Bộ phận Một cửa của UBND huyện đã tiếp nhận {big} hồ sơ TTHC, giải quyết đúng hạn {pct}%.",
    "Còn {n2} hồ sơ quá hạn, chủ yếu thuộc lĩnh vực đất đai tại các xã {commune} và {commune2}.",
    "Công tác giảm nghèo được quan tâm; tỷ lệ hộ nghèo giảm còn {pct}%, hộ cận nghèo còn {pct}%.",
    "Đã hỗ trợ {n} căn nhà ở cho hộ nghèo đồng bào dân tộc {ethnic} với tổng kinh phí {money} triệu đồng.",
    "Ngành Giáo dục duy trì {n} trường đạt chuẩn quốc gia; tỷ lệ học sinh bỏ học giảm so với cùng kỳ năm {prev}.",
    "Trung tâm Y tế huyện đã khám, chữa bệnh cho {big} lượt người; số thẻ BHYT được cấp là {big} thẻ.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội cơ bản được giữ vững; xảy ra {n2} vụ tai nạn giao thông.",
    "Công an huyện đã phối hợp với Đồn Biên phòng tuần tra {n} lượt tại khu vực biên giới xã {commune}.",
    "Tiến độ giải ngân vốn đầu tư công đến ngày {date} đạt {pct}% kế hoạch vốn, thấp hơn mức bình quân của tỉnh.",
    "Nguyên nhân chủ yếu là vướng mắc trong công tác bồi thường, giải phóng mặt bằng tại dự án đường liên xã {commune} - {commune2}.",
    "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số đã phân bổ {money} tỷ đồng.",
    "UBND huyện đã ban hành Quyết định số {qd} ngày {date} về việc giao chỉ tiêu kế hoạch năm {year}.",
    "Thực hiện Quyết định số {ttg} của Thủ tướng Chính phủ, huyện đã rà soát {big} hộ thiếu đất sản xuất.",
    "Trên địa bàn xảy ra {n2} vụ cháy rừng với diện tích thiệt hại {ha} ha, chủ yếu là rừng trồng.",
    "Số lao động được giải quyết việc làm mới là {big} người, trong đó xuất khẩu lao động {n} người.",
    "Hoạt động của HĐND các cấp được duy trì; kỳ họp thứ {n2} HĐND huyện đã thông qua {n2} nghị quyết.",
    "Thu nhập bình quân đầu người ước đạt {money} triệu đồng/năm, tăng {pct}% so với năm {prev}.",
    "Mạng lưới điện quốc gia đã đến {n2}/{n} thôn, buôn; tỷ lệ hộ dùng nước hợp vệ sinh đạt {pct}%.",
    "Công tác chuyển đổi số được đẩy mạnh; {pct}% hồ sơ TTHC được tiếp nhận trực tuyến toàn trình.",
    "Một số chỉ tiêu đạt thấp, đặc biệt là chỉ tiêu về thu tiền sử dụng đất và trồng rừng sản xuất.",
],
"minutes": [
    "Vào lúc {hour} ngày {date}, tại hội trường UBND xã {commune}, huyện {district}, tỉnh {province}.",
    "Chủ trì: Ông (bà) {person}, {title}.",
    "Thư ký: Bà {mrs}, công chức Văn phòng - Thống kê xã.",
    "Thành phần tham dự gồm {n} đại biểu, vắng {n2} đại biểu có lý do.",
    "Đồng chí {person} thông qua dự thảo báo cáo kết quả thực hiện nhiệm vụ {monthw} tháng đầu năm {year}.",
    "Ý kiến của ông {mr}, Trưởng thôn {commune2}: đề nghị sớm sửa chữa tuyến đường bị sạt lở sau mưa lũ.",
    "Bà {mrs}, Chủ tịch Hội Liên hiệp Phụ nữ xã, đề nghị bổ sung {n2} hộ vào danh sách hộ cận nghèo.",
    "Ông {mr} phát biểu: việc chi trả tiền bồi thường còn chậm, người dân chưa đồng thuận.",
    "Đại diện phòng Tài nguyên và Môi trường giải trình: hồ sơ đã trình UBND tỉnh tại Tờ trình số {code}.",
    "Hội nghị đã biểu quyết thông qua với {n}/{n} đại biểu tán thành, đạt tỷ lệ {pct}%.",
    "Kết luận của chủ tọa: giao UBND xã chủ trì, phối hợp với các thôn, buôn hoàn thành trước ngày {date}.",
    "Các ý kiến khác: đề nghị cấp trên hỗ trợ giống cây cà phê, hồ tiêu cho đồng bào dân tộc {ethnic}.",
    "Cuộc họp kết thúc vào lúc {hour} cùng ngày; biên bản đã được đọc lại cho các thành viên cùng nghe.",
    "Biên bản được lập thành {n2} bản có giá trị pháp lý như nhau, mỗi bên giữ một bản.",
    "Ông {mr} đề nghị làm rõ nguồn kinh phí {money} triệu đồng để sửa chữa trường mầm non.",
    "Bà {mrs} cho biết thôn đã vận động được {n} hộ hiến đất làm đường giao thông nông thôn.",
    "Ý kiến thống nhất: tạm dừng thu các khoản đóng góp chưa đúng quy định tại điểm trường {commune}.",
    "Đại biểu Hội Nông dân phản ánh giá phân bón tăng cao, đề nghị có chính sách hỗ trợ kịp thời.",
    "Chủ tọa đề nghị các thành viên tiếp tục cho ý kiến bằng văn bản trước ngày {date}.",
    "Các thành viên dự họp đều nhất trí với nội dung biên bản và cùng ký tên dưới đây.",
    "Nội dung: rà soát, bình xét hộ nghèo, hộ cận nghèo năm {year} theo chuẩn nghèo đa chiều.",
    "Kết quả kiểm phiếu: {n} phiếu đồng ý, {n2} phiếu không đồng ý, không có phiếu không hợp lệ.",
],
"decision": [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Quyết định số {ttg} của Thủ tướng Chính phủ phê duyệt Chương trình mục tiêu quốc gia;",
    "Căn cứ Nghị quyết số {nq} của HĐND tỉnh {province} về phân bổ vốn;",
    "Xét đề nghị của Trưởng phòng Tài chính - Kế hoạch tại Tờ trình số {n}/TTr-TCKH ngày {date}.",
    "Điều 1. Phê duyệt danh mục {n2} công trình đầu tư xây dựng năm {year} trên địa bàn huyện {district}.",
    "Điều 1. Thành lập Tổ công tác rà soát TTHC thuộc thẩm quyền giải quyết của UBND huyện {district}.",
    "Tổng mức đầu tư: {money} tỷ đồng, từ nguồn ngân sách trung ương hỗ trợ và ngân sách địa phương.",
    "Địa điểm xây dựng: thôn {n2}, xã {commune}, huyện {district}, tỉnh {province}.",
    "Thời gian thực hiện: từ ngày {date} đến hết ngày 31/12/{year}.",
    "Điều 2. Giao Ban Quản lý dự án đầu tư xây dựng huyện làm chủ đầu tư, tổ chức thực hiện theo đúng quy định.",
    "Tổ công tác có trách nhiệm tham mưu cho Chủ tịch UBND huyện rà soát, đơn giản hóa {tthc} TTHC.",
    "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số {qd}.",
    "Chánh Văn phòng HĐND và UBND huyện, Trưởng các phòng, ban và Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này.",
    "Khen thưởng ông {mr}, Trưởng thôn {commune}, đã có thành tích xuất sắc trong phong trào xây dựng nông thôn mới.",
    "Mức thưởng kèm theo là {money} triệu đồng, trích từ quỹ thi đua, khen thưởng của huyện.",
    "Điều 2. Bổ nhiệm bà {mrs} giữ chức vụ {title}, thời hạn bổ nhiệm là 05 năm.",
    "Thu hồi {ha} m2 đất của hộ ông {mr} để thực hiện dự án nâng cấp đường tỉnh lộ.",
    "Phê duyệt phương án bồi thường, hỗ trợ và tái định cư với tổng kinh phí {money} triệu đồng.",
    "Giao UBND xã {commune} niêm yết công khai quyết định này tại trụ sở và nhà sinh hoạt cộng đồng thôn, buôn.",
    "Trường hợp không đồng ý, người có quyền và nghĩa vụ liên quan có quyền khiếu nại theo quy định của Luật Khiếu nại.",
    "Công bố danh mục {tthc} TTHC được chuẩn hóa thuộc phạm vi chức năng quản lý của Sở Nội vụ tỉnh {province}.",
    "Điều 4. Kinh phí thực hiện từ nguồn sự nghiệp kinh tế năm {year} đã giao cho UBND huyện {district}.",
],
"plan": [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Triển khai có hiệu quả Kế hoạch số {code} của UBND tỉnh {province} về cải cách hành chính giai đoạn {year}-2030.",
    "Phấn đấu đến cuối năm {year}, {pct}% hồ sơ TTHC được số hóa; tỷ lệ hài lòng của người dân đạt trên 90%.",
    "II. NỘI DUNG VÀ NHIỆM VỤ CỤ THỂ",
    "1. Tuyên truyền, phổ biến pháp luật cho đồng bào dân tộc {ethnic} bằng song ngữ tại các buôn, bản.",
    "2. Tổ chức {n2} lớp tập huấn kỹ năng sử dụng dịch vụ công trực tuyến cho cán bộ, công chức cấp xã.",
    "3. Rà soát, bố trí sắp xếp lại {n} điểm trường lẻ tại các xã {commune}, {commune2}.",
    "4. Trồng mới {ha} ha rừng sản xuất; chăm sóc, bảo vệ {ha} ha rừng phòng hộ đầu nguồn.",
    "Thời gian thực hiện: quý {q} năm {year}; đơn vị chủ trì: phòng Nội vụ; đơn vị phối hợp: Văn phòng HĐND và UBND huyện.",
    "III. KINH PHÍ THỰC HIỆN",
    "Kinh phí thực hiện kế hoạch là {money} triệu đồng, được bố trí trong dự toán ngân sách năm {year}.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "Các phòng, ban, ngành và UBND các xã, thị trấn căn cứ kế hoạch này xây dựng kế hoạch cụ thể của đơn vị.",
    "Định kỳ hằng quý báo cáo kết quả về UBND huyện (qua phòng Nội vụ) trước ngày {day} của tháng cuối quý.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị phản ánh kịp thời về UBND huyện để xem xét, giải quyết.",
    "5. Kiểm tra công tác phòng cháy, chữa cháy rừng tại {n} khu vực trọng điểm của huyện {district}.",
    "6. Hỗ trợ {big} con giống gia súc cho hộ nghèo tại các thôn đặc biệt khó khăn.",
    "Đảm bảo 100% thôn, buôn có tổ tự quản về an ninh trật tự hoạt động hiệu quả.",
    "7. Phối hợp với Đồn Biên phòng {commune} tuyên truyền phòng, chống mua bán người qua biên giới.",
    "Phân công ông {mr}, {title}, trực tiếp chỉ đạo thực hiện kế hoạch.",
    "Mục tiêu: giảm tỷ lệ hộ nghèo bình quân {pct}%/năm, riêng hộ nghèo dân tộc thiểu số giảm trên 4%/năm.",
    "Lồng ghép các nguồn vốn của Chương trình mục tiêu quốc gia xây dựng nông thôn mới với vốn tín dụng chính sách.",
],
"letter": [
    "Kính gửi: Sở Tài nguyên và Môi trường tỉnh {province}.",
    "Kính gửi: Ủy ban nhân dân các xã, thị trấn.",
    "V/v đề nghị hướng dẫn thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
    "V/v báo cáo tình hình thiệt hại do mưa lũ gây ra.",
    "Thực hiện Công văn số {code} ngày {date} của UBND tỉnh về việc rà soát, báo cáo số liệu.",
    "UBND huyện {district} báo cáo như sau:",
    "Đến nay trên địa bàn huyện còn {big} thửa đất chưa được cấp giấy chứng nhận do thiếu hồ sơ nguồn gốc.",
    "Đợt mưa lớn từ ngày {day} đến ngày {day}/{month}/{year} đã làm sập {n2} căn nhà, hư hỏng {n} căn nhà.",
    "Ước tổng thiệt hại khoảng {money} tỷ đồng; không có thiệt hại về người.",
    "Để kịp thời khắc phục hậu quả, UBND huyện kính đề nghị UBND tỉnh hỗ trợ {money} tỷ đồng từ nguồn dự phòng ngân sách.",
    "Đề nghị các đơn vị nghiêm túc triển khai thực hiện và báo cáo kết quả trước ngày {date}.",
    "Trong quá trình thực hiện, nếu có vướng mắc đề nghị liên hệ ông {mr}, số điện thoại 0262.3{n}{n2}.",
    "UBND huyện kính đề nghị Sở xem xét, hướng dẫn để địa phương có cơ sở thực hiện./.",
    "Phúc đáp Công văn số {n}/STP-HCTP của Sở Tư pháp về việc chứng thực bản sao từ bản chính.",
    "Qua kiểm tra, có {n2} xã chưa niêm yết công khai đầy đủ TTHC tại Bộ phận Một cửa.",
    "Giao phòng Tư pháp chủ trì, phối hợp với UBND xã {commune} kiểm tra, xử lý dứt điểm trong tháng {month}/{year}.",
    "Nhận được văn bản này, đề nghị Thủ trưởng các cơ quan, đơn vị quan tâm phối hợp thực hiện.",
    "Về việc đăng ký khai sinh cho trẻ em người dân tộc {ethnic} chưa có giấy tờ tùy thân, xin ý kiến như sau:",
    "Hiện nay tại xã {commune} có {n} trường hợp trẻ em sinh ra chưa được đăng ký khai sinh đúng hạn.",
    "Nơi nhận: như trên; Chủ tịch, các PCT UBND huyện; lưu VT.",
    "Thừa lệnh Chủ tịch UBND huyện, Văn phòng HĐND và UBND huyện thông báo ý kiến chỉ đạo như sau:",
    "Yêu cầu Trưởng phòng Tài chính - Kế hoạch tham mưu văn bản trả lời, trình trước ngày {date}.",
],
}

ROSTER_HEAD = [
    ["STT", "Họ và tên", "Năm sinh", "Dân tộc", "Thôn, buôn", "Xã", "Ghi chú"],
    ["TT", "Họ tên", "Dân tộc", "Địa chỉ", "Số tiền (đồng)"],
    ["Số TT", "Họ và tên chủ hộ", "Số khẩu", "Thôn/bản", "Xã", "Loại hộ"],
]
ROSTER_NOTE = ["Hộ nghèo", "Hộ cận nghèo", "Hộ mới thoát nghèo", "Người có uy tín", "Già làng", "Trưởng thôn", ""]
ROSTER_TAIL = [
    "Danh sách gồm {n} người (có {n2} người là phụ nữ).",
    "Tổng cộng: {n} hộ với {big} nhân khẩu.",
    "Số tiền bằng chữ: {monthw} trăm triệu đồng chẵn.",
    "Danh sách này được niêm yết công khai tại nhà văn hóa thôn {commune} từ ngày {date}.",
    "Người lập biểu: {person}.",
    "Danh sách có {n2} trang, được lập tại UBND xã {commune}, huyện {district}.",
]

DOC_TYPE = {
    "report": ("BC", "BÁO CÁO", ["Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội {monthw} tháng đầu năm {year}",
                                  "Tình hình thực hiện cải cách hành chính quý {q} năm {year}"]),
    "minutes": ("BB", "BIÊN BẢN HỌP", ["Hội nghị lấy ý kiến nhân dân về phương án bồi thường",
                                        "Họp Ban Chỉ đạo giảm nghèo xã {commune}"]),
    "decision": ("QĐ", "QUYẾT ĐỊNH", ["Về việc phê duyệt danh mục công trình năm {year}",
                                       "Về việc thành lập Tổ công tác rà soát TTHC"]),
    "plan": ("KH", "KẾ HOẠCH", ["Cải cách hành chính năm {year}",
                                 "Thực hiện công tác giảm nghèo bền vững giai đoạn {year}-2030"]),
    "letter": ("UBND-VP", None, []),
    "roster": ("DS", "DANH SÁCH", ["Hộ nghèo được hỗ trợ nhà ở năm {year}",
                                    "Người có uy tín trong đồng bào dân tộc thiểu số năm {year}"]),
}


def fill(t, f):
    import string
    out = []
    for lit, field, spec, conv in string.Formatter().parse(t):
        out.append(lit)
        if field is not None:
            out.append(f[field])
    return "".join(out)


def make_doc(genre, setname, rng, n_body=(18, 26)):
    """A list of clean lines (no blank lines)."""
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
    f = Filler(rng, year)
    code, title, subjects = DOC_TYPE[genre]
    lines = []
    heading_up = rng.random() < 0.5
    top = f"UBND HUYỆN {f.district.upper()}" if rng.random() < 0.5 else f"ỦY BAN NHÂN DÂN HUYỆN {f.district.upper()}"
    if genre == "minutes" and rng.random() < 0.5:
        top = f"UBND XÃ {f.communes[0].upper()}"
    lines += [f"ỦY BAN NHÂN DÂN TỈNH {f.province.upper()}" if rng.random() < 0.3 else top,
              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              f"Số: {rng.randint(1, 999)}/{code}-UBND" if genre != "letter" else f"Số: {rng.randint(1, 2999)}/UBND-VP",
              f"{f.district}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {year}"]
    if title:
        lines.append(title)
        lines.append(fill(rng.choice(subjects), f))
    pool = POOLS.get(genre)
    if genre == "roster":
        head = rng.choice(ROSTER_HEAD)
        lines.append(" | ".join(head) if rng.random() < 0.5 else "  ".join(head))
        sep = " | " if "|" in lines[-1] else "  "
        for i in range(rng.randint(14, 22)):
            vals = []
            for h in head:
                if h in ("STT", "TT", "Số TT"): vals.append(str(i + 1))
                elif "tên" in h: vals.append(rng.choice(PEOPLE))
                elif h == "Năm sinh": vals.append(str(rng.randint(1940, 2001)))
                elif h == "Dân tộc": vals.append(rng.choice(ETHNIC))
                elif h in ("Thôn, buôn", "Thôn/bản"): vals.append(rng.choice(["Buôn ", "Thôn ", "Bản ", "Plei "]) + rng.choice(["Ea Kmar", "Cư Drăm", "Nậm Sì", "Pa Vệ Sủ", "Tả Lủng", "Kon Brăp", "Huổi Lếch", "Sóc Tà Biểu", "Đê Tar", str(rng.randint(1, 12))]))
                elif h == "Xã": vals.append(rng.choice(f.communes))
                elif h == "Địa chỉ": vals.append(f"xã {rng.choice(f.communes)}, huyện {rng.choice(f.districts)}")
                elif h.startswith("Số tiền"): vals.append(vnum(rng.randint(5, 80) * 500000))
                elif h == "Số khẩu": vals.append(str(rng.randint(1, 11)))
                elif h == "Loại hộ" or h == "Ghi chú": vals.append(rng.choice(ROSTER_NOTE))
            lines.append(sep.join(vals).rstrip(" |"))
        for t in rng.sample(ROSTER_TAIL, 3):
            lines.append(fill(t, f))
    else:
        mine = [t for i, t in enumerate(pool) if (i % 2 == 0) == (setname == "dev")]
        k = min(len(mine), rng.randint(*n_body))
        body = rng.sample(mine, k) if genre != "plan" else mine
        if genre == "letter":
            body = [b for b in body if not b.startswith("Kính gửi")][:k]
            kg = [t for t in pool if t.startswith("Kính gửi")]
            vv = [b for b in body if b.startswith("V/v")]
            body = [b for b in body if not b.startswith("V/v")]
            lines += [fill(x, f) for x in vv[:1]] + [fill(rng.choice(kg), f)]
        if genre == "decision":   # legal bases first, then the articles in order
            def dkey(t):
                for i, p in enumerate(("Căn cứ", "Xét", "Điều 1", "", "Điều 2", "Điều 3", "Điều 4")):
                    if p and t.startswith(p):
                        return i
                return 3
            body.sort(key=dkey)
            seen = set()          # one text per article number
            body = [t for t in body if not (t.startswith("Điều") and (t[:6] in seen or seen.add(t[:6])))]
        for t in body:
            lines.append(fill(t, f))
        if genre == "report" and rng.random() < 0.6:
            lines.insert(7, "I. KẾT QUẢ ĐẠT ĐƯỢC")
            lines.append("II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")
            lines.append(fill("Tập trung chỉ đạo hoàn thành các chỉ tiêu kế hoạch năm {year}, nhất là thu ngân sách.", f))
    # signature block
    signer = rng.choice(PEOPLE)
    if genre == "minutes":
        lines += ["THƯ KÝ", "CHỦ TRÌ", signer]
    else:
        lines += ["Nơi nhận:", "- Như Điều 3;" if genre == "decision" else "- Như trên;",
                  f"- TT HĐND huyện {f.district};", "- Lưu: VT, VP.",
                  rng.choice(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH"]),
                  rng.choice(["PHÓ CHỦ TỊCH", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]), signer]
    return [" ".join(l.split()) for l in lines if l.strip()]
