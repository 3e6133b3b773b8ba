#include "tests/store/archive_generator.h"

#include <cstdio>
#include <fstream>
#include <random>

#include "pipeline/core/numbers.h"

namespace sohoa::testing {

namespace {

struct UnitFigures {
  long carry = 0, fresh = 0, total = 0;
  long res_total = 0, early = 0, ontime = 0, late = 0;
  long pend_total = 0, pend_ontime = 0, pend_over = 0;
  long returned = 0, online = 0, level34 = 0;
  std::vector<long> Values() const {
    return {total, carry, fresh, res_total, early, ontime, late,
            pend_total, pend_ontime, pend_over, returned, online, level34};
  }
};

const char* kMetrics[] = {"received_total", "received_carryover", "received_new", "resolved_total",
                          "resolved_early", "resolved_ontime",    "resolved_late", "pending_total",
                          "pending_ontime", "pending_overdue",    "returned",      "online",
                          "level34"};

std::string Num(long v) { return FormatVietnameseNumber(static_cast<double>(v)); }

std::string Two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

GeneratedArchive GenerateArchive(const GeneratorOptions& o) {
  GeneratedArchive out;
  out.units = {"Sở Tư pháp", "Sở Xây dựng", "Sở Y tế", "Sở Giao thông vận tải",
               "Sở Kế hoạch và Đầu tư", "Công an tỉnh"};
  for (const char* m : kMetrics) out.metrics.push_back(m);
  std::mt19937 rng(o.seed);
  auto uniform = [&](long lo, long hi) { return lo + static_cast<long>(rng() % (hi - lo + 1)); };

  std::vector<long> pending(out.units.size());
  for (long& p : pending) p = uniform(5, 200);
  const int wrong_total_at = 6, broken_carry_at = 14;  // month offsets (0-based)
  const size_t broken_unit = 2;

  for (int k = 0; k < o.months; ++k) {
    int y = o.first_year + (o.first_month - 1 + k) / 12;
    int m = (o.first_month - 1 + k) % 12 + 1;
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
    const std::string period = std::to_string(y) + "-" + Two(m);
    std::vector<UnitFigures> rows;
    for (size_t u = 0; u < out.units.size(); ++u) {
      UnitFigures f;
      f.carry = pending[u];
      if (o.plant_faults && k == broken_carry_at && u == broken_unit) {
        // The report's "Kỳ trước" disagrees with last month's pending; the
        // row itself still adds up.
        f.carry += 7;
        out.faults.push_back({period, "carryover", out.units[u], "received_carryover",
                              "carry-over 7 more than last month's pending"});
      }
      f.fresh = uniform(20, 3000);
      f.total = f.carry + f.fresh;
      f.res_total = f.total - uniform(0, std::min<long>(f.total, 300));
      f.late = uniform(0, std::min<long>(f.res_total, 5));
      f.ontime = uniform(0, std::min<long>(f.res_total - f.late, 10));
      f.early = f.res_total - f.late - f.ontime;
      f.pend_total = f.total - f.res_total;
      f.pend_over = uniform(0, std::min<long>(f.pend_total, 4));
      f.pend_ontime = f.pend_total - f.pend_over;
      f.returned = uniform(0, 3);
      f.online = uniform(0, f.total);
      f.level34 = uniform(f.online, f.total);
      pending[u] = f.pend_total;
      rows.push_back(f);
    }
    UnitFigures sum;
    for (const UnitFigures& f : rows) {
      std::vector<long> v = f.Values();
      sum.total += v[0], sum.carry += v[1], sum.fresh += v[2], sum.res_total += v[3];
      sum.early += v[4], sum.ontime += v[5], sum.late += v[6], sum.pend_total += v[7];
      sum.pend_ontime += v[8], sum.pend_over += v[9], sum.returned += v[10];
      sum.online += v[11], sum.level34 += v[12];
    }
    if (o.plant_faults && k == wrong_total_at) {
      sum.returned += 10;  // a wrong column total: no identity hides it
      out.faults.push_back({period, "column_total", "Tổng cộng", "returned",
                            "Tổng cộng of 'Hồ sơ bị trả lại' 10 too high"});
    }

    std::string t;
    t += "VĂN PHÒNG UBND TỈNH SÓC TRĂNG\n\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\n\n";
    t += "Số: " + std::to_string(100 + k) + "/BC-TTHC\n\n";
    t += "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n";
    t += "Sóc Trăng, ngày 18 tháng " + std::to_string(m) + " năm " + std::to_string(y) + "\n\n";
    t += "BÁO CÁO\n\nKết quả hoạt động của Trung tâm Phục vụ hành chính công\n\n";
    t += "tháng " + std::to_string(m) + " năm " + std::to_string(y) + "\n\n";
    const std::string range = "16/" + std::to_string(pm) + "/" + std::to_string(py) + " đến ngày 15/" +
                              std::to_string(m) + "/" + std::to_string(y);
    t += "Thực hiện Quy chế tổ chức và hoạt động của Trung tâm Phục vụ hành chính công tỉnh "
         "Sóc Trăng, Trung tâm báo cáo kết quả hoạt động tháng " +
         std::to_string(m) + " năm " + std::to_string(y) + " (từ ngày " + range + ") như sau:\n\n";
    t += "1. Tình hình kết quả hoạt động\n\n";
    t += "- Trung tâm phối hợp các Sở, ngành tiếp nhận và trả kết quả giải quyết thủ tục hành "
         "chính theo quy định (Đính kèm Phụ lục I).\n\n";
    t += "Trên đây là kết quả hoạt động tháng " + std::to_string(m) + " năm " + std::to_string(y) +
         " của Trung tâm./.\n\nGIÁM ĐỐC\n\n";
    t += "PHỤ LỤC I\nTÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THÁNG " + std::to_string(m) +
         " NĂM " + std::to_string(y) + "\n(TỪ NGÀY 16/" + std::to_string(pm) + "/" +
         std::to_string(py) + " ĐẾN 15/" + std::to_string(m) + "/" + std::to_string(y) + ")\n\n";
    t += "(Kèm theo Báo cáo số " + std::to_string(100 + k) + "/BC-TTHC ngày 18/" +
         std::to_string(m) + "/" + std::to_string(y) +
         " của Trung tâm Phục vụ hành chính công)\n\n";
    t += "STT\tĐơn vị\tSố hồ sơ nhận giải quyết\t\t\tKết quả giải quyết\t\t\t\t\t\t\tHồ sơ bị trả "
         "lại\tHồ sơ nhận qua trực tuyến\tSố hồ sơ mức độ 3, 4 (nộp trực tiếp và trực tuyến)\n";
    t += "\t\tTổng số\tTrong đó\t\tSố hồ sơ đã giải quyết\t\t\t\tSố hồ sơ đang giải "
         "quyết\t\t\t\t\t\n";
    t += "\t\t\tKỳ trước\tSố mới tiếp nhận\tTổng số\tTrước hạn\tĐúng hạn\tQuá hạn\tTổng "
         "số\tCòn hạn\tQuá hạn\t\t\t\n";
    for (size_t u = 0; u < rows.size(); ++u) {
      t += std::to_string(u + 1) + "\t" + out.units[u];
      std::vector<long> v = rows[u].Values();
      for (size_t c = 0; c < v.size(); ++c) {
        t += "\t" + Num(v[c]);
        out.figures[{period, out.units[u], kMetrics[c]}] = static_cast<double>(v[c]);
      }
      t += "\n";
    }
    t += "\tTổng cộng";
    std::vector<long> v = sum.Values();
    for (size_t c = 0; c < v.size(); ++c) {
      t += "\t" + Num(v[c]);
      out.figures[{period, "Tổng cộng", kMetrics[c]}] = static_cast<double>(v[c]);
    }
    t += "\n";
    char name[64];
    std::snprintf(name, sizeof name, "bao_cao_%04d_%02d.txt", y, m);
    out.files.emplace_back(name, t);
  }
  return out;
}

bool WriteArchive(const GeneratedArchive& archive, const std::string& dir) {
  for (const auto& [name, text] : archive.files) {
    std::ofstream f(dir + "/" + name, std::ios::binary);
    f << text;
    if (!f) return false;
  }
  return true;
}

}  // namespace sohoa::testing
