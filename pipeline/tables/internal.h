// Internals of the tables stage shared by its .cc files (not a public API).
#ifndef SOHOA_TABLES_INTERNAL_H_
#define SOHOA_TABLES_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/table.h"
#include "pipeline/tables/schema.h"
#include "pipeline/tables/units.h"

namespace sohoa::tables_internal {

// One line of the document as the parser sees it.
struct TextLine {
  int page = 0;
  int line = 0;      // 1-based within the page
  std::string text;  // words joined with their whitespace (tabs kept)
  // A header cell laid out from word boxes (layout.cc): one whole cell,
  // its lines joined.
  bool header_cell = false;
  // A row of a grid the page states (Page::grids): its fields are the
  // grid's columns, taken as they are; the page gives the boxes' unit.
  const Page* source = nullptr;
  const Grid* grid = nullptr;
  int grid_row = -1;
};

// Dictionaries the parser works with, loaded once.
struct Dictionaries {
  std::vector<Schema> schemas;
  TableVocabulary vocabulary;
  UnitAliases units;
  // NormalizeLabel of every synonym: [schema][column][synonym] as words.
  std::vector<std::vector<std::vector<std::vector<std::string>>>> synonym_words;

  void Prepare();  // fills synonym_words
};

std::vector<std::string> Words(std::string_view normalized);

// "<b>12</b>" -> "12", "**Tổng**" -> "Tổng", "\*" -> "*"; trims spaces.
std::string StripMarkup(std::string_view s);
// The levels of a flattened header path: "Kết quả giải quyết - Số hồ sơ đã
// giải quyết - Tổng số", "A / B", "A: B" -> {"A", "B", ...}; a header
// without such separators comes back whole.
std::vector<std::string> SplitHeaderPath(std::string_view header);
bool LabelIn(const std::string& normalized, const std::vector<std::string>& labels);

// A cell as written -> Cell (value, dash, footnote). `ok` false when the text
// is neither blank, a dash nor a number.
Cell ParseCell(std::string_view raw, bool* ok);
// True when the token reads as a cell: a number (maybe with footnote) or a dash.
bool IsCellToken(std::string_view token);

// Leaf header paths (top to bottom) of a grid header: rows of fields, a cell
// spanning to the right until the next non-empty field, within its parent.
std::vector<std::vector<std::string>> GridLeafPaths(const std::vector<std::vector<std::string>>& rows,
                                                    size_t first_column, size_t columns);

// The enclosing groups of schema column `k`, innermost first.
std::vector<int> GroupChain(const Schema& s, int k);

constexpr int kNoLeaf = 1 << 30;  // leftmost of a column without a leaf under it

// A schema's columns as a tree. The header readers (the text layer's words,
// the OCR's cells, labels laid out on lines) try it with fewer and fewer of
// its groups present, since a report may leave a group heading out.
struct ColumnTree {
  std::vector<int> parent;     // enclosing group of each column, -1 at the top
  std::vector<int> leftmost;   // left-to-right position: first leaf's rank (kNoLeaf: none)
  std::vector<int> rightmost;  // the last leaf's rank (-1: none)
  std::vector<int> groups;     // the group (non-leaf) columns, in file order
};
// `rank` orders the leaves left to right (empty: file order).
ColumnTree TreeOf(const Schema& s, const std::vector<int>& rank = {});
// Orders of the leaves a clerk may use besides the schema's: the top-level
// columns in any order (pending before resolved, online before returned),
// the groups under them swapped, and each group's total after its parts.
// The schema's own order (an empty rank) comes first.
std::vector<std::vector<int>> LeafOrders(const Schema& s);

// Maps leaf header paths to schema keys. Picks the best schema (index into
// dict.schemas, -1 if none fits); leaves no schema column fits get a slug
// key and a `parse` finding.
int MapColumns(const Dictionaries& dict, const std::string& title,
               const std::vector<std::vector<std::string>>& paths, std::vector<Column>* columns,
               std::vector<std::string>* problems);

// A header laid out in character columns (pdftotext -layout, a typewriter
// table): each label's words, wrapped over lines within its column, form a
// cell; a cell's parent is the lowest cell above whose column holds it. The
// leaves (without the STT and unit labels) must be `expected_leaves`, the
// cells of the data rows; their paths are mapped by MapColumns. False when
// the layout does not give that many leaves or most match no schema key.
// `data_lines` (may be empty), the data rows as laid out, give each column's
// band from its right-aligned numbers: a label that fits in one column's
// band with no label below it in that band is a leaf (spanning down), never
// the parent of a label under the next column.
// Read first by labels: each phrase split into the schema's wordings (pdftotext
// runs the labels of a header set in a narrow font together one space apart),
// the labels matched to a schema tree by their lines and left-to-right order,
// a row numbering the columns ("(1) (2) ...") or the data rows placing them;
// `above` (may be empty) are lines above the STT line that may hold group
// labels. Then by territories and bands as above.
bool ParseAlignedHeader(const Dictionaries& dict, const std::string& title,
                        const std::vector<std::string>& above, const std::vector<std::string>& lines,
                        const std::vector<std::string>& data_lines, size_t expected_leaves,
                        std::vector<Column>* columns, int* schema_index,
                        std::vector<std::string>* problems);

// A header whose words the text layer gave in reading order of the cells
// (level by level, left to right), every cell's words broken over lines:
// rebuilds the column tree from a schema. `expected_leaves` (0 = unknown)
// is the number of cells the data rows have. False when no schema explains
// the words.
// The numeric columns of the last table laid out, carried from page to
// page: data rows at the top of the next page with no header row above
// them (a table continued over a page break) are laid out in these columns.
// A numeric column of a table laid out from word boxes: where its numbers
// lie on the x axis, and where the column ends (the numbers' common right
// edge when right-aligned, else a little before the middle of the gap to
// the next column).
struct ColumnBand {
  double x0 = 0, x1 = 0, right = 0;
};
// The numeric columns of a table from the boxes [x0, x1] of the number
// cells of its data rows (one vector per row): the runs of x the boxes
// cover, split by the whitespace between columns whatever the alignment.
// `h` is the page's word height. With 8 rows or more a column needs two
// boxes over it unless it stands apart (one box run over two columns does
// not join them).
std::vector<ColumnBand> NumericColumnBands(const std::vector<std::vector<std::pair<double, double>>>& rows, double h);
// The band a box [x0, x1] belongs to: the one it overlaps most, else the
// nearest. `bands` must not be empty.
size_t BandOf(const std::vector<ColumnBand>& bands, double x0, double x1);

struct LayoutCarry {
  std::vector<ColumnBand> bands;  // the numeric columns
  double boundary = 0;       // right end of the unit column
  double h = 0;              // median word height of the page
};

// A page with word boxes laid out again as text lines, tables in the
// shapes the text parser reads (see layout.cc). `carry` (may be null) is
// read and updated across the pages of one document.
std::vector<TextLine> LayoutBoxedPage(const Page& page, const Dictionaries& dict, LayoutCarry* carry = nullptr);

bool ParseFlatHeader(const Dictionaries& dict, const std::vector<std::string>& words,
                     int expected_leaves, std::vector<Column>* columns, int* schema_index);

// Distance between two normalised labels (words): the smaller of the
// character edit distance and the word edit distance (a word substituted
// costs its own character distance), each over the longer; 0 equal, 1 unlike.
double LabelDistance(const std::vector<std::string>& a, const std::vector<std::string>& b);

// A header whose cells are known (laid out from word boxes, one string per
// cell, level by level, left to right) but whose words OCR may have misread:
// aligns the cells to the nodes of a schema tree (in the same order, leaves
// the table leaves out skipped) minimising the summed LabelDistance, each
// cell at most 0.5 from its label, with `expected_leaves` (0 = unknown)
// leaves. Taken only when clearly cheaper (by 0.1) than the best reading
// that names any approximate cell differently. Approximately read cells get
// the schema's wording in their header and a line in `notes`.
struct HeaderNote {
  std::string key;      // the column (or group) the cell was read as
  std::string message;  // "header cell 'X' read as 'Y' (...)"
};
bool ParseHeaderCells(const Dictionaries& dict, const std::vector<std::string>& cells, int expected_leaves,
                      std::vector<Column>* columns, int* schema_index, std::vector<HeaderNote>* notes);

// Columns keyed by the sums (sum_keys.cc): the choice of a schema's leaves,
// in the schema's order with some left out, for `columns` numeric columns
// under which the schema's row identities hold best on `rows` (one value
// per column, empty where blank or unreadable; total row included). Score:
// identities that hold minus three times those that fail, over rows whose
// total is not zero. Ties that key the identities' columns alike are broken
// by agreement with `hint` (the keys the header gave), then by the schema's
// order; ties that key them otherwise are counted in `rivals`.
struct SumKeys {
  int schema = -1;                // index into dict.schemas; -1: nothing holds
  std::vector<std::string> keys;  // one per column
  std::vector<bool> pinned;       // the column is in an identity that held
  int holds = 0, fails = 0;
  int rivals = 0;                 // other choices as good that key pinned columns otherwise
};
SumKeys KeysFromSums(const Dictionaries& dict, const std::vector<std::vector<std::optional<double>>>& rows, size_t columns,
                     const std::vector<std::string>& hint);
// The identity checks of `schema` that hold and fail on `rows` when the
// columns are `keys` (as KeysFromSums counts them).
void CountIdentities(const Schema& schema, const std::vector<std::string>& keys,
                     const std::vector<std::vector<std::optional<double>>>& rows, int* holds, int* fails);

// Count cells of an OCR'd table repaired where its sums decide
// (sum_keys.cc): for each row identity or column total that fails, every
// cell in it is tried with the readings OCR may have garbled (its digits
// alone when stray separators or specks broke the number's pattern; one of
// 3/8, 5/6, 6/8, 0/8 swapped); a reading is taken only when it is the one
// reading of one cell that makes the relation hold and leaves every other
// relation of that cell holding (or unable to say). The percent row is not
// touched. Returns the repairs made, one per cell.
struct SumRepair {
  int row = 0;  // index into table->rows; -2 the total row
  std::string column, from, to, why;
  Box box;
};
std::vector<SumRepair> RepairBySums(const Schema& schema, Table* table);
// A count cell's value for keying by the sums: the digits alone when stray
// separators or specks broke the pattern of a count ("38.3", "219."); empty
// when it holds no digits or more than two other marks.
std::optional<double> LenientCount(const std::string& text);

}  // namespace sohoa::tables_internal

#endif  // SOHOA_TABLES_INTERNAL_H_
