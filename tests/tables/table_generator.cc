#include "tests/tables/table_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

#include "pipeline/core/numbers.h"

namespace sohoa::testing {

namespace {

using Rng = std::mt19937_64;

int Uniform(Rng& r, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(r); }
bool Chance(Rng& r, double p) { return std::uniform_real_distribution<double>(0, 1)(r) < p; }
template <typename T>
const T& Pick(Rng& r, const std::vector<T>& v) { return v[Uniform(r, 0, static_cast<int>(v.size()) - 1)]; }

struct GenColumn {
  std::string key;
  std::vector<std::string> path;
  std::string parent;  // percent base
};

// Header wordings as reports write them (the generator's own lists; some
// are deliberately not the schema's first choice).
std::vector<GenColumn> ResultsColumns(Rng& r) {
  std::vector<GenColumn> c;
  std::string rec = Pick(r, std::vector<std::string>{"Số hồ sơ nhận giải quyết", "Số hồ sơ tiếp nhận",
                                                      "Hồ sơ tiếp nhận", "Số hồ sơ nhận"});
  c.push_back({"received_total", {rec, Pick(r, std::vector<std::string>{"Tổng số", "Tổng"})}, "received_total"});
  bool detail = Chance(r, 0.6);
  std::vector<std::string> base = {rec};
  if (detail) base.push_back(Pick(r, std::vector<std::string>{"Trong đó", "Chia ra"}));
  auto with = [](std::vector<std::string> p, const std::string& leaf) {
    p.push_back(leaf);
    return p;
  };
  c.push_back({"received_carryover",
               with(base, Pick(r, std::vector<std::string>{"Kỳ trước", "Tồn kỳ trước", "Kỳ trước chuyển sang",
                                                           "Tồn kỳ trước chuyển sang"})),
               "received_total"});
  c.push_back({"received_new",
               with(base, Pick(r, std::vector<std::string>{"Số mới tiếp nhận", "Mới tiếp nhận",
                                                           "Tiếp nhận trong kỳ"})),
               "received_total"});
  std::vector<std::string> band;
  if (Chance(r, 0.7)) band.push_back(Pick(r, std::vector<std::string>{"Kết quả giải quyết", "Kết quả xử lý"}));
  std::vector<std::string> res = with(band, Pick(r, std::vector<std::string>{"Số hồ sơ đã giải quyết", "Đã giải quyết",
                                                                              "Hồ sơ đã giải quyết"}));
  c.push_back({"resolved_total", with(res, "Tổng số"), "received_total"});
  if (Chance(r, 0.85))
    c.push_back({"resolved_early", with(res, Pick(r, std::vector<std::string>{"Trước hạn", "Sớm hạn"})),
                 "resolved_total"});
  c.push_back({"resolved_ontime", with(res, Pick(r, std::vector<std::string>{"Đúng hạn", "Trong hạn"})),
               "resolved_total"});
  c.push_back({"resolved_late", with(res, Pick(r, std::vector<std::string>{"Quá hạn", "Trễ hạn"})),
               "resolved_total"});
  std::vector<std::string> pen = with(band, Pick(r, std::vector<std::string>{"Số hồ sơ đang giải quyết",
                                                                              "Đang giải quyết", "Chưa giải quyết"}));
  c.push_back({"pending_total", with(pen, "Tổng số"), "received_total"});
  c.push_back({"pending_ontime", with(pen, Pick(r, std::vector<std::string>{"Còn hạn", "Trong hạn", "Chưa đến hạn"})),
               "pending_total"});
  c.push_back({"pending_overdue", with(pen, Pick(r, std::vector<std::string>{"Quá hạn", "Trễ hạn"})),
               "pending_total"});
  if (Chance(r, 0.7))
    c.push_back({"returned", {Pick(r, std::vector<std::string>{"Hồ sơ bị trả lại", "Số hồ sơ bị trả lại", "Trả lại"})},
                 "received_total"});
  if (Chance(r, 0.7))
    c.push_back({"online", {Pick(r, std::vector<std::string>{"Hồ sơ nhận qua trực tuyến", "Hồ sơ trực tuyến",
                                                             "Tiếp nhận trực tuyến"})},
                 "received_total"});
  if (Chance(r, 0.4))
    c.push_back({"level34", {Pick(r, std::vector<std::string>{"Số hồ sơ mức độ 3, 4", "Hồ sơ mức độ 3, 4",
                                                              "Số hồ sơ mức độ 3, 4 (nộp trực tiếp và trực tuyến)"})},
                 "received_total"});
  return c;
}

std::vector<GenColumn> SatisfactionColumns(Rng& r) {
  std::vector<GenColumn> all = {
      {"satisfied_service", {Pick(r, std::vector<std::string>{"Hài lòng với dịch vụ", "Hài lòng về dịch vụ"})}, "ratings_total"},
      {"satisfied_attitude", {Pick(r, std::vector<std::string>{"Hài lòng về thái độ phục vụ", "Hài lòng với thái độ phục vụ"})}, "ratings_total"},
      {"unsatisfied_staff", {Pick(r, std::vector<std::string>{"Không hài lòng về nghiệp vụ nhân viên", "Không hài lòng về nghiệp vụ"})}, "ratings_total"},
      {"unsatisfied_time", {Pick(r, std::vector<std::string>{"Không hài lòng về thời gian giao dịch", "Không hài lòng về thời gian"})}, "ratings_total"},
      {"feedback", {Pick(r, std::vector<std::string>{"Ý kiến góp ý", "Góp ý"})}, "ratings_total"},
      {"ratings_total", {Pick(r, std::vector<std::string>{"Tổng cộng", "Tổng số"})}, "ratings_total"}};
  std::vector<GenColumn> c;
  for (size_t i = 0; i < all.size(); ++i)
    if (i == 0 || i == 5 || Chance(r, 0.85)) c.push_back(all[i]);
  return c;
}

std::vector<GenColumn> LateColumns(Rng& r) {
  return {{"late_national_portal",
           {Pick(r, std::vector<std::string>{"Số hồ sơ TTHC trễ hạn theo số liệu trên Cổng Dịch vụ công quốc gia (*)",
                                             "Cổng Dịch vụ công quốc gia"})},
           ""},
          {"late_provincial_system",
           {Pick(r, std::vector<std::string>{"Số hồ sơ TTHC trễ hạn theo số liệu trên Hệ thống thông tin giải quyết TTHC tỉnh (**)",
                                             "Hệ thống thông tin giải quyết TTHC tỉnh"})},
           ""}};
}

const std::vector<std::vector<std::string>>& UnitNames() {
  // Each unit as reports write it (several ways).
  static const std::vector<std::vector<std::string>> k = {
      {"Sở Nội vụ"}, {"Sở Tư pháp"}, {"Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"}, {"Sở Tài chính"},
      {"Sở Công Thương", "Sở Công thương"},
      {"Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và PTNT", "Sở NNPTNT"},
      {"Sở Giao thông vận tải"}, {"Sở Xây dựng"}, {"Sở Tài nguyên và Môi trường", "Sở TN&MT"},
      {"Sở Thông tin và Truyền thông", "Sở TT&TT"},
      {"Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH"},
      {"Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT-DL", "Sở Văn hoá, Thể thao và Du lịch"},
      {"Sở Khoa học và Công nghệ"}, {"Sở Giáo dục và Đào tạo"}, {"Sở Y tế"}, {"Sở Ngoại vụ"},
      {"Thanh tra tỉnh"}, {"Ban Dân tộc"}, {"Ban Quản lý các Khu công nghiệp", "Ban Quản lý các Khu công nghiệp tỉnh"},
      {"Công an tỉnh"}, {"Bảo hiểm xã hội tỉnh", "Bảo hiểm xã hội", "BHXH tỉnh"}, {"Cục Thuế tỉnh"},
      {"Văn phòng UBND tỉnh"}, {"UBND huyện Mỹ Tú"}, {"UBND huyện Kim Bảng", "Huyện Kim Bảng"},
      {"UBND thành phố Phủ Lý"}, {"UBND thị xã Duy Tiên"}, {"UBND huyện Thanh Liêm"}, {"UBND huyện Lý Nhân"},
      {"UBND huyện Bình Lục"}, {"UBND thành phố Sóc Trăng", "UBND TP Sóc Trăng"}, {"UBND huyện Cù Lao Dung"},
      {"UBND thị xã Vĩnh Châu"}, {"UBND huyện Trần Đề"}, {"UBND huyện Châu Thành"}};
  return k;
}

std::string Num(double v, int decimals = 0) { return FormatVietnameseNumber(v, decimals); }

struct GenTable {
  Table truth;
  std::vector<GenColumn> cols;
  std::vector<std::vector<std::string>> cell_text;  // per row (rows, then total, percent)
  bool total_numbered = false;
  std::string total_label, percent_label;
};

// Fills values consistent with the schema identities.
std::map<std::string, double> RowValues(Rng& r, const std::string& kind) {
  std::map<std::string, double> v;
  if (kind == "results") {
    int scale = Chance(r, 0.2) ? 5000 : Chance(r, 0.5) ? 600 : 60;
    double carry = Uniform(r, 0, scale / 5), fresh = Uniform(r, 0, scale);
    double total = carry + fresh;
    double resolved = std::floor(total * Uniform(r, 50, 100) / 100.0);
    double late = Chance(r, 0.3) ? Uniform(r, 0, static_cast<int>(resolved / 20)) : 0;
    double ontime = Chance(r, 0.4) ? Uniform(r, 0, static_cast<int>(resolved - late)) : 0;
    double pending = total - resolved;
    double overdue = Chance(r, 0.2) ? Uniform(r, 0, static_cast<int>(pending / 5)) : 0;
    v = {{"received_total", total}, {"received_carryover", carry}, {"received_new", fresh},
         {"resolved_total", resolved}, {"resolved_early", resolved - ontime - late}, {"resolved_ontime", ontime},
         {"resolved_late", late}, {"pending_total", pending}, {"pending_ontime", pending - overdue},
         {"pending_overdue", overdue}, {"returned", static_cast<double>(Uniform(r, 0, 5))},
         {"online", std::floor(total * Uniform(r, 0, 90) / 100.0)},
         {"level34", std::floor(total * Uniform(r, 20, 100) / 100.0)}};
  } else if (kind == "satisfaction") {
    double a = Uniform(r, 0, 200), b = Uniform(r, 0, 300), c = Uniform(r, 0, 2), d = Uniform(r, 0, 2), e = Uniform(r, 0, 3);
    v = {{"satisfied_service", a}, {"satisfied_attitude", b}, {"unsatisfied_staff", c}, {"unsatisfied_time", d},
         {"feedback", e}, {"ratings_total", a + b + c + d + e}};
  } else {
    v = {{"late_national_portal", static_cast<double>(Uniform(r, 0, 1500))},
         {"late_provincial_system", static_cast<double>(Uniform(r, 0, 500))}};
  }
  return v;
}


void AppendLine(std::string* text, const std::string& line) {
  *text += line;
  *text += '\n';
}

std::string JoinTab(const std::vector<std::string>& f, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < f.size(); ++i) out += (i ? sep : "") + f[i];
  return out;
}

void EmitTable(Rng& r, const std::string& shape, int index, std::string* text, GenTable* g) {
  Table& t = g->truth;
  const int ncol = static_cast<int>(g->cols.size());
  // Header grid: depth rows, each label at the first column it covers.
  size_t depth = 0;
  for (const GenColumn& c : g->cols) depth = std::max(depth, c.path.size());
  std::vector<std::vector<std::string>> grid(depth, std::vector<std::string>(ncol + 2));
  grid[0][0] = "STT";
  grid[0][1] = Pick(r, std::vector<std::string>{"Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị"});
  for (int k = 0; k < ncol; ++k) {
    const auto& p = g->cols[k].path;
    for (size_t d = 0; d < p.size(); ++d) {
      bool first = k == 0 || g->cols[k - 1].path.size() <= d ||
                   !std::equal(p.begin(), p.begin() + d + 1, g->cols[k - 1].path.begin());
      if (first) grid[d][k + 2] = p[d];
    }
  }
  const bool flat = shape == "flat";
  const std::string sep = shape == "pipe" ? " | " : "\t";
  auto row_line = [&](const std::vector<std::string>& f) {
    return shape == "pipe" ? "| " + JoinTab(f, sep) + " |" : JoinTab(f, sep);
  };
  if (flat) {
    AppendLine(text, "STT " + grid[0][1] + "   ");
    for (size_t d = 0; d < depth; ++d) {
      std::vector<std::string> labels;
      for (int k = 0; k < ncol; ++k)
        if (!grid[d][k + 2].empty()) labels.push_back(grid[d][k + 2]);
      bool one_line = Chance(r, 0.3);
      if (one_line) {
        AppendLine(text, JoinTab(labels, " ") + " ");
        continue;
      }
      for (const std::string& l : labels) {
        // Every word (or pair of words) on a line of its own, blank lines between.
        std::string word, cur;
        std::vector<std::string> words;
        for (char ch : l + " ") {
          if (ch == ' ') {
            if (!word.empty()) words.push_back(word);
            word.clear();
          } else {
            word += ch;
          }
        }
        for (size_t w = 0; w < words.size();) {
          size_t n = Chance(r, 0.5) ? 2 : 1;
          std::string line;
          for (size_t k = 0; k < n && w < words.size(); ++k, ++w) line += words[w] + " ";
          AppendLine(text, line);
          if (Chance(r, 0.7)) AppendLine(text, "");
        }
      }
    }
  } else {
    for (size_t d = 0; d < depth; ++d) AppendLine(text, row_line(grid[d]));
    if (shape == "pipe") {
      std::vector<std::string> dashes(ncol + 2, "---");
      AppendLine(text, row_line(dashes));
    }
  }
  // Rows.
  int nrows = Uniform(r, 3, 28);
  std::vector<int> order(UnitNames().size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::shuffle(order.begin(), order.end(), r);
  nrows = std::min<int>(nrows, static_cast<int>(order.size()));
  std::map<std::string, double> sums;
  auto cell_of = [&](double v, bool blank_ok, Cell* cell) {
    if (blank_ok && !flat && Chance(r, 0.03)) return std::string();  // blank: no value
    if (v == 0 && Chance(r, 0.05)) {
      cell->dash = true;
      return std::string("-");
    }
    cell->value = v;
    return Num(v);
  };
  for (int i = 0; i < nrows; ++i) {
    std::string unit = Pick(r, UnitNames()[order[i]]);
    std::map<std::string, double> v = RowValues(r, t.schema);
    Row row;
    row.stt = std::to_string(i + 1);
    row.unit = unit;
    std::vector<std::string> cells;
    for (const GenColumn& c : g->cols) {
      Cell cell;
      cells.push_back(cell_of(v[c.key], true, &cell));
      sums[c.key] += v[c.key];
      row.cells.push_back(cell);
    }
    if (shape == "html" && Chance(r, 0.1)) unit = "<i>" + unit + "</i>";
    // Long names sometimes wrap onto the next line.
    size_t space = unit.find(' ', unit.size() / 2);
    bool wrap = unit.size() > 24 && space != std::string::npos && Chance(r, 0.25) && unit.find('<') == std::string::npos;
    std::string head = wrap ? unit.substr(0, space) : unit, tail = wrap ? unit.substr(space + 1) : "";
    if (flat) {
      if (wrap && Chance(r, 0.5)) {
        AppendLine(text, row.stt + " " + head + " ");
        AppendLine(text, tail + " " + JoinTab(cells, " ") + " ");
      } else {
        AppendLine(text, row.stt + " " + head + " " + JoinTab(cells, " ") + " ");
        if (wrap) AppendLine(text, tail + " ");
      }
      if (Chance(r, 0.5)) AppendLine(text, "");
    } else {
      std::vector<std::string> f = {row.stt, head};
      f.insert(f.end(), cells.begin(), cells.end());
      AppendLine(text, row_line(f));
      if (wrap) {
        std::vector<std::string> w(ncol + 2);
        w[1] = tail;
        AppendLine(text, row_line(w));
      }
    }
    t.rows.push_back(row);
  }
  // Totals and percentages.
  Row total, percent;
  total.unit = Pick(r, std::vector<std::string>{"Tổng cộng", "Tổng cộng", "Tổng", "Cộng"});
  percent.unit = Pick(r, std::vector<std::string>{"Tỷ lệ %", "Tỷ lệ (%)", "Tỉ lệ %"});
  bool numbered = !flat && Chance(r, 0.3);
  bool has_percent = t.schema != "late_records" && Chance(r, 0.8);
  std::vector<std::string> tc, pc;
  for (const GenColumn& c : g->cols) {
    Cell cell;
    cell.value = sums[c.key];
    total.cells.push_back(cell);
    tc.push_back(Num(sums[c.key]));
    double base = sums[c.parent.empty() ? c.key : c.parent];
    double pct = base > 0 ? std::round(10000.0 * sums[c.key] / base) / 100.0 : 0;
    Cell pcell;
    pcell.value = pct;
    percent.cells.push_back(pcell);
    pc.push_back(Num(pct, 2));
  }
  auto emph = [&](const std::string& s, const char* tag) {
    if (shape != "html") return s;
    return std::string("<") + tag + ">" + s + "</" + tag + ">";
  };
  if (flat) {
    AppendLine(text, "  " + total.unit + " " + JoinTab(tc, " ") + " ");
    if (has_percent) AppendLine(text, "  " + percent.unit + " " + JoinTab(pc, " ") + " ");
  } else {
    std::vector<std::string> f = {numbered ? std::to_string(nrows + 1) : "", emph(total.unit, "b")};
    for (const std::string& s : tc) f.push_back(emph(s, "b"));
    AppendLine(text, row_line(f));
    if (has_percent) {
      std::vector<std::string> p = {numbered ? std::to_string(nrows + 2) : "", emph(percent.unit, "i")};
      for (const std::string& s : pc) p.push_back(emph(s, "i"));
      AppendLine(text, row_line(p));
    }
  }
  if (numbered) total.stt = std::to_string(nrows + 1), percent.stt = std::to_string(nrows + 2);
  t.total = total;
  if (has_percent) t.percent = percent;
  for (const GenColumn& c : g->cols) t.columns.push_back({c.path, c.key});
  (void)index;
}

}  // namespace

GeneratedDocument GenerateDocument(uint64_t seed) {
  Rng r(seed * 0x9E3779B97F4A7C15ull + 12345);
  GeneratedDocument doc;
  doc.shape = Pick(r, std::vector<std::string>{"tab", "pipe", "flat", "html"});
  const std::vector<std::string> provinces = {"Sóc Trăng", "Hà Nam", "Bạc Liêu", "Hậu Giang", "Trà Vinh", "Nam Định",
                                              "Ninh Bình", "Quảng Trị", "Bến Tre", "Vĩnh Long"};
  std::string province = Pick(r, provinces);
  int month = Uniform(r, 1, 12), year = Uniform(r, 2018, 2024);
  int pm = month == 1 ? 12 : month - 1, py = month == 1 ? year - 1 : year;
  AppendLine(&doc.text, "UBND TỈNH " + province);
  AppendLine(&doc.text, "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính tháng " + std::to_string(month) +
                            " năm " + std::to_string(year) + " tại Trung tâm Phục vụ hành chính công tỉnh " +
                            province + ".");
  AppendLine(&doc.text, "Tổng số hồ sơ tiếp nhận trong kỳ được thống kê tại các Phụ lục kèm theo.");
  AppendLine(&doc.text, "");
  int ntables = Chance(r, 0.4) ? 2 : 1;
  const char* roman[] = {"I", "II", "III"};
  bool headings = Chance(r, 0.85);
  for (int ti = 0; ti < ntables; ++ti) {
    GenTable g;
    std::string kind = ti == 1 ? "satisfaction" : Pick(r, std::vector<std::string>{"results", "results", "satisfaction", "late_records"});
    g.truth.schema = kind;
    g.cols = kind == "results" ? ResultsColumns(r) : kind == "satisfaction" ? SatisfactionColumns(r) : LateColumns(r);
    char from[16], to[16];
    std::snprintf(from, sizeof from, "%d/%d/%d", 16, pm, py);
    std::snprintf(to, sizeof to, "%d/%d/%d", 15, month, year);
    char iso_from[16], iso_to[16];
    std::snprintf(iso_from, sizeof iso_from, "%04d-%02d-16", py, pm);
    std::snprintf(iso_to, sizeof iso_to, "%04d-%02d-15", year, month);
    if (headings) {
      std::string h = ntables == 1 && Chance(r, 0.3) ? "Phụ lục" : std::string("PHỤ LỤC ") + roman[ti];
      g.truth.id = h == "Phụ lục" ? "PL" : std::string("PL-") + roman[ti];
      AppendLine(&doc.text, doc.shape == "html" ? "**" + h + "**" : " " + h + " ");
      std::string title = kind == "results" ? "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
                          : kind == "satisfaction" ? "THỐNG KÊ SỐ HỒ SƠ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN"
                                                   : "THỐNG KÊ SỐ LƯỢNG HỒ SƠ TTHC GIẢI QUYẾT TRỄ HẠN";
      std::string when = "THÁNG " + std::to_string(month) + " NĂM " + std::to_string(year);
      int form = Uniform(r, 0, 2);
      if (form == 0) {
        g.truth.title = title + " " + when;
        AppendLine(&doc.text, title + " " + when);
        AppendLine(&doc.text, "");
        AppendLine(&doc.text, std::string("(TỪ NGÀY ") + from + " ĐẾN " + to + ")");
      } else if (form == 1) {
        g.truth.title = title + " " + when;
        AppendLine(&doc.text, title);
        AppendLine(&doc.text, when + " (TỪ " + from + " ĐẾN " + to + ")");
      } else {
        g.truth.title = title + " " + when;
        AppendLine(&doc.text, title + " " + when);
        AppendLine(&doc.text, std::string("(Số liệu từ ngày ") + from + " đến ngày " + to + ")");
      }
      g.truth.period_from = iso_from;
      g.truth.period_to = iso_to;
      AppendLine(&doc.text, "(Kèm theo Báo cáo số      /BC-TTHC ngày      /" + std::to_string(month) + "/" +
                                std::to_string(year) + " của Trung tâm Phục vụ hành chính công)");
    } else {
      g.truth.id = "T" + std::to_string(ti + 1);
    }
    AppendLine(&doc.text, "");
    EmitTable(r, doc.shape, ti, &doc.text, &g);
    AppendLine(&doc.text, "");
    if (Chance(r, 0.3)) AppendLine(&doc.text, "Ghi chú: số liệu lấy từ Hệ thống thông tin giải quyết TTHC tỉnh.");
    AppendLine(&doc.text, "");
    doc.truth.push_back(std::move(g.truth));
  }
  AppendLine(&doc.text, "Nơi nhận:");
  AppendLine(&doc.text, "- Như trên;");
  return doc;
}

namespace {
std::string CellStr(const Cell& c) {
  if (c.dash) return "-";
  if (!c.value) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", *c.value);
  return buf;
}
}  // namespace

void ScoreTables(const std::vector<Table>& truth, const std::vector<Table>& got, CellScore* s) {
  for (size_t t = 0; t < truth.size(); ++t) {
    const Table& w = truth[t];
    ++s->tables;
    const Table* g = t < got.size() ? &got[t] : nullptr;
    if (g && g->id == w.id && g->schema == w.schema && g->period_from == w.period_from) ++s->tables_found;
    else if (s->errors.size() < 5)
      s->errors.push_back("table " + w.id + ": got " + (g ? g->id + " schema " + g->schema + " period " + g->period_from : "nothing"));
    std::vector<const Row*> wr, gr;
    for (const Row& r : w.rows) wr.push_back(&r);
    if (w.total) wr.push_back(&*w.total);
    if (w.percent) wr.push_back(&*w.percent);
    if (g) {
      for (const Row& r : g->rows) gr.push_back(&r);
      if (w.total) gr.push_back(g->total ? &*g->total : nullptr);
      if (w.percent) gr.push_back(g->percent ? &*g->percent : nullptr);
    }
    for (size_t i = 0; i < wr.size(); ++i) {
      const Row* x = i < gr.size() ? gr[i] : nullptr;
      if (x && x->unit != wr[i]->unit && s->errors.size() < 5)
        s->errors.push_back("table " + w.id + " row " + std::to_string(i) + ": unit '" + x->unit + "' want '" + wr[i]->unit + "'");
      for (size_t k = 0; k < w.columns.size(); ++k) {
        ++s->cells;
        int gk = g ? g->ColumnIndex(w.columns[k].key) : -1;
        if (!x || gk < 0 || gk >= static_cast<int>(x->cells.size())) {
          if (s->errors.size() < 5) s->errors.push_back("table " + w.id + " row " + std::to_string(i) + " column " + w.columns[k].key + " missing");
          continue;
        }
        const Cell& a = wr[i]->cells[k];
        const Cell& b = x->cells[gk];
        bool same = a.dash == b.dash && a.value.has_value() == b.value.has_value() &&
                    (!a.value || std::fabs(*a.value - *b.value) < 1e-9);
        if (same) ++s->correct;
        else if (s->errors.size() < 5)
          s->errors.push_back("table " + w.id + " row " + std::to_string(i) + " column " + w.columns[k].key + ": " + CellStr(b) + " want " + CellStr(a));
      }
    }
  }
}

}  // namespace sohoa::testing
