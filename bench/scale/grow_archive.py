#!/usr/bin/env python3
"""An archive K times the size of a given one, for measuring cost against archive
size when ingesting 10^4-10^5 documents takes longer than the machine has.

Copy k (1..K-1) of every document gets new ids, "#k" after its path and hashes,
and " k" after its issuer and body, so it is a distinct issuer's report (no
duplicates or conflicts are made); every row of every table is copied.
  grow_archive.py SRC.db DST.db K
"""
import shutil, sqlite3, sys

src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.copyfile(src, dst)
db = sqlite3.connect(dst)
cols = lambda t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")]
doc_off = db.execute("SELECT max(id) FROM documents").fetchone()[0] + 1
tab_off = db.execute("SELECT max(id) FROM doc_tables").fetchone()[0] + 1
edits = {
    "documents": {"id": "id+{d}", "path": "path||'#{k}'", "content_hash": "content_hash||'#{k}'",
                  "text_hash": "CASE text_hash WHEN '' THEN '' ELSE text_hash||'#{k}' END"},
    "reports": {"body": "body||' {k}'", "issuer": "CASE issuer WHEN '' THEN '' ELSE issuer||' {k}' END"},
    "doc_tables": {"id": "id+{t}"},
    "columns": {"table_id": "table_id+{t}"},
    "table_rows": {"table_id": "table_id+{t}"},
    "cells": {"table_id": "table_id+{t}"},
}
with db:
    for i in range(1, k):
        for t in ["documents", "pages", "notes", "reports", "doc_tables", "columns", "table_rows",
                  "cells", "findings"]:
            c = cols(t)
            e = {n: "document_id+{d}" for n in c if n == "document_id"}
            e.update(edits.get(t, {}))
            sel = ",".join(e.get(n, n).format(d=i * doc_off, t=i * tab_off, k=i) for n in c)
            # The originals only: rows already copied have ids past the offsets.
            where = {"documents": "id < {d}", "doc_tables": "id < {t}", "columns": "table_id < {t}",
                     "table_rows": "table_id < {t}", "cells": "table_id < {t}"}.get(t, "document_id < {d}")
            db.execute(f"INSERT INTO {t} ({','.join(c)}) SELECT {sel} FROM {t} WHERE "
                       + where.format(d=doc_off, t=tab_off))
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(db.execute("SELECT count(*) FROM documents").fetchone()[0])
