#pragma once
// FHIR JSON input: one QJsonDocument parse per file (or per NDJSON line), errors with line and
// column, and the file-kind detection FhirRecordReader uses.
//
//   Result<QJsonDocument> doc = FhirJson::parse(bytes, "bundle.json");
//   // error: "bundle.json: invalid JSON at line 3, column 17: unterminated string"
//
// QJsonParseError gives a byte offset only; line (1-based, counted by '\n') and column (1-based,
// in characters of the UTF-8 text, so "é" counts once) are computed from it. A UTF-8 byte order
// mark is skipped. Inputs of 2 GiB or more are refused (QJsonParseError's offset is an int).

#include "twin/core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>
#include <QList>
#include <QString>

namespace twin::ehr {

struct FhirTextPosition {
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in characters
};

/// One line of an NDJSON file: its bytes (without the line break) and 0-based line index.
struct FhirNdjsonLine {
    QByteArrayView bytes;
    int index = 0;
};

class FhirJson {
public:
    enum class Layout { Document, Ndjson };

    /// The largest input accepted (QJsonParseError::offset is an int).
    static constexpr qsizetype kMaxBytes = qsizetype(0x7fffffff) - 16;

    /// Parses one JSON document. Errors are InvalidInput in `sourceName`, "invalid JSON at
    /// line L, column C: <Qt's reason>"; an empty input is "empty file". `lineOffset` is added
    /// to the line (an NDJSON line parsed on its own reports its line in the file).
    static core::Result<QJsonDocument> parse(QByteArrayView json, const QString &sourceName, int lineOffset = 0);

    /// The line and column of byte `offset` in `text` (offset clamped to the text).
    static FhirTextPosition position(QByteArrayView text, qsizetype offset);

    /// `json` without a leading UTF-8 byte order mark.
    static QByteArrayView withoutBom(QByteArrayView json);

    /// NDJSON (one JSON object per line, at least two non-empty lines, the first of which is a
    /// complete object on its own) or a single document.
    static Layout detectLayout(QByteArrayView json);

    /// The non-blank lines of an NDJSON text (a trailing '\r' is dropped).
    static QList<FhirNdjsonLine> ndjsonLines(QByteArrayView json);
};

}  // namespace twin::ehr
