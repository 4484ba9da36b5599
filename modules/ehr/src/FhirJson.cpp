#include "twin/ehr/FhirJson.h"

#include <QJsonParseError>

#include <algorithm>

namespace twin::ehr {

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

QByteArrayView trimmed(QByteArrayView line) {
    qsizetype begin = 0;
    qsizetype end = line.size();
    while (begin < end && isBlank(line.at(begin))) ++begin;
    while (end > begin && isBlank(line.at(end - 1))) --end;
    return line.sliced(begin, end - begin);
}

}  // namespace

QByteArrayView FhirJson::withoutBom(QByteArrayView json) {
    if (json.size() >= 3 && static_cast<unsigned char>(json.at(0)) == 0xEF &&
        static_cast<unsigned char>(json.at(1)) == 0xBB && static_cast<unsigned char>(json.at(2)) == 0xBF) {
        return json.sliced(3);
    }
    return json;
}

FhirTextPosition FhirJson::position(QByteArrayView text, qsizetype offset) {
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    FhirTextPosition position;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (text.at(i) == '\n') {
            ++position.line;
            lineStart = i + 1;
        }
    }
    for (qsizetype i = lineStart; i < offset; ++i) {
        // Count characters, not bytes: UTF-8 continuation bytes are 10xxxxxx.
        if ((static_cast<unsigned char>(text.at(i)) & 0xC0) != 0x80) ++position.column;
    }
    return position;
}

core::Result<QJsonDocument> FhirJson::parse(QByteArrayView json, const QString &sourceName, int lineOffset) {
    if (json.size() > kMaxBytes) {
        return core::Error::unsupported(QStringLiteral("file too large for JSON parsing (%1 bytes, at most %2)")
                                            .arg(json.size()).arg(kMaxBytes))
            .inFile(sourceName);
    }
    const QByteArrayView body = withoutBom(json);
    if (trimmed(body).isEmpty()) return core::Error::invalidInput(QStringLiteral("empty file")).inFile(sourceName);
    // fromRawData: no copy; the document copies what it keeps.
    const QByteArray bytes = QByteArray::fromRawData(body.data(), body.size());
    QJsonParseError error{};
    QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const FhirTextPosition at = position(body, error.offset);
        return core::Error::invalidInput(QStringLiteral("invalid JSON at line %1, column %2: %3")
                                             .arg(at.line + lineOffset).arg(at.column).arg(error.errorString()))
            .inFile(sourceName);
    }
    return document;
}

FhirJson::Layout FhirJson::detectLayout(QByteArrayView json) {
    const QByteArrayView body = withoutBom(json);
    qsizetype start = 0;
    QByteArrayView first;
    // The first non-blank line.
    while (start < body.size()) {
        qsizetype end = body.indexOf('\n', start);
        if (end < 0) end = body.size();
        first = trimmed(body.sliced(start, end - start));
        start = end + 1;
        if (!first.isEmpty()) break;
    }
    if (first.size() < 2 || first.front() != '{' || first.back() != '}') return Layout::Document;
    // Something after it?
    if (start >= body.size() || trimmed(body.sliced(start)).isEmpty()) return Layout::Document;
    QJsonParseError error{};
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(first.data(), first.size()), &error);
    return error.error == QJsonParseError::NoError && document.isObject() ? Layout::Ndjson : Layout::Document;
}

QList<FhirNdjsonLine> FhirJson::ndjsonLines(QByteArrayView json) {
    const QByteArrayView body = withoutBom(json);
    QList<FhirNdjsonLine> lines;
    qsizetype start = 0;
    int index = 0;
    while (start < body.size()) {
        qsizetype end = body.indexOf('\n', start);
        if (end < 0) end = body.size();
        QByteArrayView line = body.sliced(start, end - start);
        if (line.endsWith('\r')) line.chop(1);
        if (!trimmed(line).isEmpty()) lines.append({line, index});
        ++index;
        start = end + 1;
    }
    return lines;
}

}  // namespace twin::ehr
