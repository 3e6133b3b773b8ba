// Full-text search of the archive: folding (case, diacritics, đ), the query
// forms (words, "phrases", prefixes*), snippets, re-ingest replacing a
// document's pages in the index, archives of an older schema indexed when
// opened for writing, and `sohoa search` on the command line.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "pipeline/store/internal.h"
#include "pipeline/store/schema.h"
#include "pipeline/store/store.h"
#include "tests/testing/pg_server.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using store_internal::FoldForSearch;
using store_internal::ParseSearchQuery;
using store_internal::Snippet;

struct Doc {
  Document doc;
  ReportMeta meta;
};

Doc MakeDoc(const std::vector<std::string>& pages, int month) {
  Doc d;
  d.doc.format = "text";
  for (size_t i = 0; i < pages.size(); ++i)
    d.doc.pages.push_back(PageFromText(pages[i], static_cast<int>(i) + 1, WordSource::kPlainText));
  d.meta.body = "UBND TỈNH ĐẮK LẮK";
  d.meta.period_kind = "month";
  d.meta.period_year = 2021;
  d.meta.period_index = month;
  d.meta.period_determined = true;
  return d;
}

Status Store(SqliteArchive* a, const Doc& d, const std::string& path, const std::string& hash) {
  DocumentRecord r;
  r.path = path;
  r.content_hash = hash;
  r.doc = &d.doc;
  r.meta = &d.meta;
  return a->StoreDocument(0, r);
}

std::unique_ptr<SqliteArchive> Open(const std::string& path, bool read_only = false) {
  std::unique_ptr<SqliteArchive> a;
  ArchiveOptions o;
  o.read_only = read_only;
  Status s = SqliteArchive::Open(path, o, &a);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return a;
}

std::vector<std::string> Found(SqliteArchive* a, const std::string& query, int* total = nullptr) {
  SearchQuery q;
  q.text = query;
  std::vector<SearchHit> hits;
  Status s = a->Search(q, &hits, total);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<std::string> out;
  for (const SearchHit& h : hits) out.push_back(h.document + ":" + std::to_string(h.page));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SearchFoldTest, CaseDiacriticsAndDStrokeAreFoldedPunctuationSeparates) {
  EXPECT_EQ(FoldForSearch("Quyết định số 285/QĐ-UBND của UBND tỉnh Đắk Lắk."),
            "quyet dinh so 285 qd ubnd cua ubnd tinh dak lak");
  EXPECT_EQ(FoldForSearch("NGƯỜI “dân” – Đường\tphố\n"), "nguoi dan duong pho");
  // Decomposed tones (NFD) fold like precomposed ones.
  EXPECT_EQ(FoldForSearch("Quye\xCC\x82\xCC\x81t"), "quyet");
}

TEST(SearchFoldTest, QueryFormsAndSnippets) {
  auto terms = ParseSearchQuery("Quyết \"hành chính\"* dak*");
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms[0].words, std::vector<std::string>{"quyet"});
  EXPECT_EQ(terms[1].words, (std::vector<std::string>{"hanh", "chinh"}));
  EXPECT_TRUE(terms[1].prefix);
  EXPECT_TRUE(terms[2].prefix);
  EXPECT_TRUE(ParseSearchQuery(" -- ,. ").empty());

  const std::string text =
      "Căn cứ Luật Tổ chức.\nỦy ban nhân dân tỉnh Đắk Lắk ban hành Quyết định số 12 về cải cách "
      "hành chính công trong năm.";
  EXPECT_EQ(Snippet(text, ParseSearchQuery("quyet dinh"), 8),
            "…ban hành [Quyết] [định] số 12 về cải…");
  EXPECT_EQ(Snippet(text, ParseSearchQuery("\"hanh chinh\""), 6),
            "…cải cách [hành chính] công trong…");
  // The window holding the most terms is shown; the text starts unmarked.
  EXPECT_EQ(Snippet(text, ParseSearchQuery("can luat"), 4), "[Căn] cứ [Luật] Tổ…");
}

TEST(SearchTest, FindsPagesWithoutCaseOrDiacriticsWithPeriodAndSnippet) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = Open(db);
  Doc one = MakeDoc({"BÁO CÁO tình hình tháng 1", "Ban hành Quyết định số 12 của UBND tỉnh Đắk Lắk"},
                    1);
  Doc two = MakeDoc({"Định kỳ quyết toán; dak dak"}, 2);
  Doc three = MakeDoc({"Không có gì"}, 3);
  ASSERT_TRUE(Store(a.get(), one, "one.txt", "h1").ok());
  ASSERT_TRUE(Store(a.get(), two, "two.txt", "h2").ok());
  ASSERT_TRUE(Store(a.get(), three, "three.txt", "h3").ok());

  EXPECT_EQ(Found(a.get(), "quyet dinh"),
            (std::vector<std::string>{"one.txt:2", "two.txt:1"}));  // every word, any order
  EXPECT_EQ(Found(a.get(), "\"quyet dinh\""), std::vector<std::string>{"one.txt:2"});
  EXPECT_EQ(Found(a.get(), "QUYẾT ĐỊNH số"), std::vector<std::string>{"one.txt:2"});
  int total = 0;
  EXPECT_EQ(Found(a.get(), "Đắk", &total), (std::vector<std::string>{"one.txt:2", "two.txt:1"}));
  EXPECT_EQ(total, 2);
  EXPECT_EQ(Found(a.get(), "quyet*"), (std::vector<std::string>{"one.txt:2", "two.txt:1"}));
  EXPECT_TRUE(Found(a.get(), "quyetdinh").empty());
  EXPECT_TRUE(Found(a.get(), "lak toan").empty());

  SearchQuery q;
  q.text = "dak lak";
  std::vector<SearchHit> hits;
  ASSERT_TRUE(a->Search(q, &hits, nullptr).ok());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].period, "2021-01");
  EXPECT_EQ(hits[0].page, 2);
  EXPECT_EQ(hits[0].body, "UBND TỈNH ĐẮK LẮK");
  EXPECT_NE(hits[0].snippet.find("[Đắk] [Lắk]"), std::string::npos) << hits[0].snippet;

  // Best first: the page that says "dak" twice in four words comes first.
  q.text = "dak";
  q.limit = 1;
  ASSERT_TRUE(a->Search(q, &hits, &total).ok());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].document, "two.txt");
  EXPECT_EQ(total, 2);

  q.text = "…";
  EXPECT_EQ(a->Search(q, &hits, nullptr).code(), Status::Code::kInvalidArgument);
}

TEST(SearchTest, StoringADocumentAgainReplacesItsPagesInTheIndex) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = Open(db);
  Doc before = MakeDoc({"chỉ thị cũ", "quyết định"}, 1);
  Doc after = MakeDoc({"chỉ thị mới"}, 1);
  ASSERT_TRUE(Store(a.get(), before, "x.txt", "hx").ok());
  ASSERT_TRUE(Store(a.get(), before, "x.txt", "hx").ok());
  int total = 0;
  EXPECT_EQ(Found(a.get(), "chi thi", &total), std::vector<std::string>{"x.txt:1"});
  EXPECT_EQ(total, 1);
  ASSERT_TRUE(Store(a.get(), after, "x.txt", "hx").ok());
  EXPECT_TRUE(Found(a.get(), "cu").empty());
  EXPECT_TRUE(Found(a.get(), "quyet").empty());
  EXPECT_EQ(Found(a.get(), "moi"), std::vector<std::string>{"x.txt:1"});
}

TEST(SearchTest, AnArchiveOfTheOlderSchemaIsIndexedWhenOpenedForWriting) {
  SOHOA_SQLITE_ONLY();
  const std::string db = testing::TempDir() + "/old.db";
  {
    // An archive as sohoa wrote it before search: schema version 3.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    for (int v = 0; v < 3; ++v) {
      ASSERT_EQ(sqlite3_exec(raw, ArchiveMigrations()[v].c_str(), 0, 0, 0), SQLITE_OK);
      ASSERT_EQ(sqlite3_exec(raw, ("UPDATE schema_version SET version = " + std::to_string(v + 1)).c_str(),
                             0, 0, 0),
                SQLITE_OK);
    }
    ASSERT_EQ(sqlite3_exec(raw,
                           "INSERT INTO documents (id, path, content_hash, size_bytes, status, "
                           "stored_at) VALUES (7, 'old.txt', 'ho', 10, 'ok', 'x');"
                           "INSERT INTO pages VALUES (7, 1, 'text', 'Tỉnh Đắk Nông');"
                           "INSERT INTO pages VALUES (7, 2, 'text', 'Quyết định');",
                           0, 0, 0),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  {
    // Read-only, it says how to upgrade and changes nothing.
    std::unique_ptr<SqliteArchive> a;
    ArchiveOptions o;
    o.read_only = true;
    Status s = SqliteArchive::Open(db, o, &a);
    EXPECT_EQ(s.code(), Status::Code::kArchiveError);
    EXPECT_NE(s.message().find("sohoa ingest"), std::string::npos) << s.message();
  }
  auto a = Open(db);
  EXPECT_EQ(Found(a.get(), "dak nong"), std::vector<std::string>{"old.txt:1"});
  EXPECT_EQ(Found(a.get(), "quyet dinh"), std::vector<std::string>{"old.txt:2"});
  Doc more = MakeDoc({"Đắk Nông mới"}, 2);
  ASSERT_TRUE(Store(a.get(), more, "new.txt", "hn").ok());
  EXPECT_EQ(Found(a.get(), "dak nong"), (std::vector<std::string>{"new.txt:1", "old.txt:1"}));
}

TEST(SearchCliTest, SearchesAnIngestedArchiveWithExitCodes) {
  const std::string dir = testing::TempDir();
  SOHOA_ARCHIVE_OR_SKIP(db, dir + "/a.db");
  {
    FILE* f = fopen((dir + "/bc.txt").c_str(), "w");
    fputs("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nBÁO CÁO\nThực hiện Quyết định số 12 về cải cách hành "
          "chính\n",
          f);
    fclose(f);
  }
  auto r = testing::RunSohoa({"ingest", dir + "/bc.txt", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = testing::RunSohoa({"search", "quyet", "dinh", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("bc.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[Quyết] [định]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 page matches"), std::string::npos) << r.out;
  r = testing::RunSohoa({"search", "--format", "csv", "DAK LAK", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("document,period,page,body,snippet\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("[ĐẮK] [LẮK]"), std::string::npos) << r.out;
  r = testing::RunSohoa({"search", "--format", "json", "hanh chinh", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"total\":1"), std::string::npos) << r.out;
  r = testing::RunSohoa({"search", "khong co", "--db", db});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("0 pages match"), std::string::npos) << r.out;
  r = testing::RunSohoa({"search", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  r = testing::RunSohoa({"search", "...", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no word"), std::string::npos) << r.err;
  r = testing::RunSohoa({"search", "x", "--db", dir + "/missing.db"});
  EXPECT_EQ(r.exit_code, 11);
  r = testing::RunSohoa({"search", "x", "--db", "postgresql://sohoa:s3cret@/nodb?host=" + dir});
  EXPECT_EQ(r.exit_code, 11);
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("sohoa:***@"), std::string::npos) << r.err;
  r = testing::RunSohoa({"search", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("diacritics"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
