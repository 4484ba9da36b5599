#pragma once
// CsvTable: a streaming RFC 4180 CSV reader. It reads one record at a time, so a file of any
// size is read in bounded memory (one record at a time, records capped at maxRecordBytes()).
//
//   Result<CsvTable> table = CsvTable::open(path);
//   const int code = table.value().column(u"CODE");          // by header name, case-insensitive
//   while (true) {
//       Result<bool> more = table.value().next();
//       if (!more.ok()) return more.error();                 // "<path>: line 12: unterminated …"
//       if (!more.value()) break;                            // end of file
//       use(table.value().value(code), table.value().row());
//   }
//
// Accepted: quoted fields holding commas, line breaks and doubled quotes; LF or CRLF line ends;
// a UTF-8 byte order mark; a last record without a line end. Lenient where RFC 4180 is silent
// and real exports differ: a quote inside an unquoted field is kept as a character, text after
// a closing quote is appended, header names are trimmed. Lines that are entirely empty are
// skipped (they are not records of a multi-column file). Fields are decoded as UTF-8 only when
// asked for, so filtering rows on one column (value() or raw()) stays cheap on big files.
//
// Columns are found by name only, never by position: exports change their column order.

#include "twin/core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>

class QIODevice;

namespace twin::ehr {

class CsvTable {
public:
    /// Opens `path` and reads its header row. Errors: Io (cannot open), InvalidInput (empty file,
    /// bad header record), each naming the file.
    static core::Result<CsvTable> open(const QString &path);
    /// The same over bytes in memory; `sourceName` names them in errors.
    static core::Result<CsvTable> fromData(const QByteArray &data, const QString &sourceName);

    CsvTable(CsvTable &&) noexcept;
    CsvTable &operator=(CsvTable &&) noexcept;
    ~CsvTable();

    /// The file (or source name) read.
    const QString &path() const { return path_; }
    /// Column names as written in the header row (trimmed, BOM removed).
    const QStringList &header() const { return header_; }
    /// The index of a column, found by name ignoring case; -1 when absent. With duplicate names
    /// the first wins (duplicateColumns() lists the others).
    int column(QStringView name) const;
    bool hasColumn(QStringView name) const { return column(name) >= 0; }
    /// Header names that occur more than once.
    const QStringList &duplicateColumns() const { return duplicates_; }

    /// Reads the next record: true when one was read, false at the end of the file. Errors
    /// (InvalidInput or Io, naming the file and "line N") leave the table at its end.
    core::Result<bool> next();

    /// 1-based index of the current record among the data records (the header is row 0).
    int row() const { return row_; }
    /// 1-based physical line on which the current record starts.
    qint64 line() const { return recordLine_; }
    /// Number of fields of the current record (may differ from header().size() in bad files).
    int fieldCount() const { return static_cast<int>(fields_.size()); }
    /// A field of the current record, decoded as UTF-8; empty when `column` is -1 or beyond
    /// the record.
    QString value(int column) const;
    /// The same, undecoded (UTF-8 bytes): compare against a key without decoding every row.
    QByteArray raw(int column) const;
    /// All fields of the current record.
    QStringList fields() const;

    /// Bytes consumed so far and the total size of the input (0 when unknown), for progress.
    qint64 bytesRead() const { return bytesRead_; }
    qint64 totalBytes() const { return totalBytes_; }

    /// Longest record accepted (bytes); a longer one (typically a quote that is never closed in
    /// a huge file) is an error rather than unbounded memory.
    static qint64 maxRecordBytes() { return qint64(64) * 1024 * 1024; }

private:
    CsvTable() = default;
    static core::Result<CsvTable> start(std::unique_ptr<QIODevice> device, const QString &path);
    /// Reads one record's fields into `fields_`; false at end of input.
    core::Result<bool> readRecord();

    std::unique_ptr<QIODevice> device_;
    QString path_;
    QStringList header_;
    QHash<QString, int> index_;  // lower-case name -> first column index
    QStringList duplicates_;
    QList<QByteArray> fields_;
    QByteArray lineBuffer_;  // readLine() target, allocated once per table rather than per line
    int row_ = 0;
    qint64 line_ = 0;        // physical lines consumed
    qint64 recordLine_ = 0;  // line on which the current record starts
    qint64 bytesRead_ = 0;
    qint64 totalBytes_ = 0;
    bool atEnd_ = false;
};

}  // namespace twin::ehr
