#include "twin/ehr/CsvTable.h"

#include <QBuffer>
#include <QFile>
#include <QSet>

#include <algorithm>

namespace twin::ehr {

namespace {
constexpr qint64 kChunkBytes = qint64(1) << 20;  // readLine() chunk: long lines come in pieces
}  // namespace

CsvTable::CsvTable(CsvTable &&) noexcept = default;
CsvTable &CsvTable::operator=(CsvTable &&) noexcept = default;
CsvTable::~CsvTable() = default;

core::Result<CsvTable> CsvTable::open(const QString &path) {
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        return core::Error::io(QStringLiteral("cannot open: %1").arg(file->errorString())).inFile(path);
    }
    return start(std::move(file), path);
}

core::Result<CsvTable> CsvTable::fromData(const QByteArray &data, const QString &sourceName) {
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    return start(std::move(buffer), sourceName);
}

core::Result<CsvTable> CsvTable::start(std::unique_ptr<QIODevice> device, const QString &path) {
    CsvTable table;
    table.totalBytes_ = device->isSequential() ? 0 : device->size();
    table.device_ = std::move(device);
    table.path_ = path;
    const core::Result<bool> header = table.readRecord();
    if (!header.ok()) return header.error();
    if (!header.value()) {
        return core::Error::invalidInput(QStringLiteral("empty file: no header row")).inFile(path);
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < table.fields_.size(); ++i) {
        const QString name = QString::fromUtf8(table.fields_.at(i)).trimmed();
        table.header_ << name;
        if (name.isEmpty()) continue;
        const QString key = name.toLower();
        if (seen.contains(key)) {
            table.duplicates_ << name;
            continue;
        }
        seen.insert(key);
        table.index_.insert(key, static_cast<int>(i));
    }
    table.fields_.clear();
    table.row_ = 0;
    return table;
}

int CsvTable::column(QStringView name) const {
    return index_.value(name.trimmed().toString().toLower(), -1);
}

core::Result<bool> CsvTable::next() {
    const core::Result<bool> read = readRecord();
    if (read.ok() && read.value()) ++row_;
    return read;
}

QString CsvTable::value(int column) const {
    return column >= 0 && column < fields_.size() ? QString::fromUtf8(fields_.at(column)) : QString();
}

QByteArray CsvTable::raw(int column) const {
    return column >= 0 && column < fields_.size() ? fields_.at(column) : QByteArray();
}

QStringList CsvTable::fields() const {
    QStringList list;
    list.reserve(fields_.size());
    for (const QByteArray &field : fields_) list << QString::fromUtf8(field);
    return list;
}

core::Result<bool> CsvTable::readRecord() {
    fields_.clear();
    if (atEnd_ || !device_) return false;

    QByteArray field;
    bool started = false;  // a non-blank line of this record has been read
    bool inQuotes = false;
    bool atFieldStart = true;  // a quote here opens a quoted field
    qint64 quoteLine = 0;      // line on which the open quote was found
    qint64 recordBytes = 0;
    bool atLineStart = true;  // the next chunk begins a physical line

    const auto fail = [this](core::Error error) -> core::Result<bool> {
        atEnd_ = true;
        fields_.clear();
        return error;
    };

    // QIODevice::readLine(maxSize) allocates maxSize bytes per call: per line, 1 MiB each, which
    // dominated reading big files. Read into one buffer instead and copy out only the line; no
    // bigger than the input (a line is never longer), so small inputs stay cheap.
    if (lineBuffer_.isEmpty()) {
        lineBuffer_.resize(totalBytes_ > 0 ? std::min(kChunkBytes, totalBytes_ + 1) : kChunkBytes);
    }
    while (true) {
        const qint64 got = device_->readLine(lineBuffer_.data(), lineBuffer_.size());
        QByteArray chunk = got > 0 ? QByteArray(lineBuffer_.constData(), got) : QByteArray();
        if (chunk.isEmpty()) {
            if (!device_->atEnd()) {
                return fail(core::Error::io(QStringLiteral("read failed: %1").arg(device_->errorString()))
                                .inFile(path_)
                                .atField(QStringLiteral("line %1").arg(line_ + 1)));
            }
            atEnd_ = true;
            if (inQuotes) {
                return fail(core::Error::invalidInput(
                                QStringLiteral("unterminated quoted field: the quote opened on line %1 is never "
                                               "closed before the end of the file")
                                    .arg(quoteLine))
                                .inFile(path_)
                                .atField(QStringLiteral("line %1").arg(recordLine_)));
            }
            if (!started) return false;
            fields_ << field;
            return true;
        }
        bytesRead_ += chunk.size();
        const bool endsLine = chunk.endsWith('\n');
        if (atLineStart) {
            ++line_;
            if (line_ == 1 && chunk.startsWith("\xEF\xBB\xBF")) chunk.remove(0, 3);
        }
        const bool lineStart = atLineStart;
        atLineStart = endsLine;

        if (!started) {
            // Blank lines between records are not records.
            if (lineStart && endsLine && (chunk == "\n" || chunk == "\r\n")) continue;
            started = true;
            recordLine_ = line_;
        }
        recordBytes += chunk.size();
        if (recordBytes > maxRecordBytes()) {
            return fail(core::Error::invalidInput(QStringLiteral("record longer than %1 bytes%2")
                                                      .arg(maxRecordBytes())
                                                      .arg(inQuotes ? QStringLiteral(" (a quoted field opened on "
                                                                                     "line %1 is not closed)")
                                                                          .arg(quoteLine)
                                                                    : QString()))
                            .inFile(path_)
                            .atField(QStringLiteral("line %1").arg(recordLine_)));
        }

        const char *p = chunk.constData();
        const qsizetype n = chunk.size();
        for (qsizetype i = 0; i < n; ++i) {
            const char c = p[i];
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && p[i + 1] == '"') {
                        field += '"';
                        ++i;
                    } else if (i + 1 == n && device_->peek(1) == "\"") {
                        // A doubled quote split across two chunks of a very long line.
                        field += '"';
                        device_->read(1);
                        ++bytesRead_;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field += c;
                }
                continue;
            }
            switch (c) {
                case ',':
                    fields_ << field;
                    field.clear();
                    atFieldStart = true;
                    break;
                case '"':
                    if (atFieldStart) {
                        inQuotes = true;
                        quoteLine = line_;
                        atFieldStart = false;
                    } else {
                        field += c;
                    }
                    break;
                case '\n':
                    fields_ << field;
                    return true;
                case '\r':
                    // The CR of a CRLF line end is dropped; a lone CR is data.
                    if ((i + 1 < n && p[i + 1] == '\n') || (i + 1 == n && device_->peek(1) == "\n")) break;
                    field += c;
                    atFieldStart = false;
                    break;
                default:
                    field += c;
                    atFieldStart = false;
                    break;
            }
        }
    }
}

}  // namespace twin::ehr
