// FhirImportSession, first half: reading sources and registering their resources.

#include "FhirImportSession.h"

#include "twin/ehr/FhirBundleSlicer.h"
#include "twin/ehr/FhirJson.h"

#include <QJsonArray>
#include <QJsonParseError>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

/// FHIR R4 id: [A-Za-z0-9\-\.]{1,64}.
bool isValidId(const QString &id) {
    if (id.isEmpty() || id.size() > 64) return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
                        u == '.';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

FhirImportSession::FhirImportSession(const FhirReadOptions &options, core::JobContext *context)
    : options_(options), context_(context) {}

core::Status FhirImportSession::addSource(QByteArrayView json, const QString &sourceName) {
    const int source = static_cast<int>(sources_.size());
    const qsizetype entriesBefore = entries_.size();
    const qsizetype warningsBefore = record_.warnings.size();
    sources_ << sourceName;
    duplicatesPerSource_ << 0;
    firstDuplicatePerSource_ << QString();
    core::Status status;
    if (FhirJson::detectLayout(json) == FhirJson::Layout::Ndjson) {
        status = addNdjson(json, source);
    } else if (std::optional<core::Status> sliced = addSlicedBundle(json, source); sliced) {
        status = *sliced;
    } else {
        const core::Result<QJsonDocument> document = FhirJson::parse(json, sourceName);
        if (!document.ok()) {
            status = document.error();
        } else if (!document.value().isObject()) {
            status = core::Error::invalidInput(QStringLiteral("not a FHIR resource: the JSON is an array, not an "
                                                              "object with a resourceType"))
                         .inFile(sourceName);
        } else {
            status = addDocument(document.value().object(), source);
        }
    }
    if (!status.ok()) {  // leave no trace of a source that failed as a whole
        entries_.resize(entriesBefore);
        record_.warnings.resize(warningsBefore);
        sources_.removeLast();
        duplicatesPerSource_.removeLast();
        firstDuplicatePerSource_.removeLast();
        return status;
    }
    record_.sources << sourceName;
    if (context_) context_->setProgress(0.5, QStringLiteral("Reading FHIR resources"));
    return {};
}

std::optional<core::Status> FhirImportSession::addSlicedBundle(QByteArrayView json, int source) {
    const QByteArrayView body = FhirJson::withoutBom(json);
    if (body.size() > FhirJson::kMaxBytes) return std::nullopt;
    std::optional<FhirBundleSlices> slices = FhirBundleSlicer::slice(body);
    if (!slices) return std::nullopt;
    QJsonParseError rootError{};
    const QJsonDocument root = QJsonDocument::fromJson(slices->root, &rootError);
    if (rootError.error != QJsonParseError::NoError || !root.isObject()) return std::nullopt;

    // Entries parse independently: in parallel on big bundles, in chunks so cancelling is quick.
    const qsizetype count = slices->entries.size();
    QList<QJsonValue> values(count);
    constexpr qsizetype kChunk = 256;
    QList<qsizetype> chunkStarts;
    for (qsizetype start = 0; start < count; start += kChunk) chunkStarts << start;
    std::atomic<bool> failed{false};
    const auto parseChunk = [&](qsizetype start) {
        if (failed.load(std::memory_order_relaxed) || cancelled()) return;
        const qsizetype end = std::min(count, start + kChunk);
        for (qsizetype i = start; i < end; ++i) {
            const QByteArrayView slice = slices->entries.at(i);
            QJsonParseError error{};
            const QJsonDocument entry = QJsonDocument::fromJson(QByteArray::fromRawData(slice.data(), slice.size()), &error);
            if (error.error != QJsonParseError::NoError || !entry.isObject()) {
                failed = true;  // not an object or not JSON: the whole-file parse reports it exactly
                return;
            }
            values[i] = entry.object();
        }
    };
    if (chunkStarts.size() > 1) {
        QtConcurrent::blockingMap(chunkStarts, parseChunk);
    } else {
        for (const qsizetype start : chunkStarts) parseChunk(start);
    }
    if (cancelled()) return core::Status(core::Error::cancelled());
    if (failed) return std::nullopt;
    slices->entries.clear();
    return addDocument(root.object(), source, &values);
}

core::Status FhirImportSession::addDocument(const QJsonObject &root, int source, const QList<QJsonValue> *entryValues) {
    const QString &name = sources_.at(source);
    const QJsonValue type = root.value("resourceType"_L1);
    if (!type.isString() || type.toString().isEmpty()) {
        return core::Error::invalidInput(QStringLiteral("not a FHIR resource: no resourceType"))
            .inFile(name)
            .atField(QStringLiteral("resourceType"));
    }
    if (type.toString() != QLatin1String("Bundle")) {
        addResource(root, {}, source, -1, FhirEntryContext::Container::Single);
        return {};
    }
    const QJsonValue entryValue = root.value("entry"_L1);
    if (!entryValue.isUndefined() && !entryValue.isArray()) {
        return core::Error::invalidInput(QStringLiteral("expected an array")).inFile(name).atField(QStringLiteral("Bundle.entry"));
    }
    const QJsonArray entries = entryValues ? QJsonArray() : entryValue.toArray();
    const qsizetype count = entryValues ? entryValues->size() : entries.size();
    for (qsizetype i = 0; i < count; ++i) {
        if ((i & 255) == 0 && cancelled()) return core::Error::cancelled();
        const int index = static_cast<int>(i);
        const QJsonValue value = entryValues ? entryValues->at(i) : entries.at(i);
        if (!value.isObject()) {
            warnEntry(source, index, FhirEntryContext::Container::Bundle, QStringLiteral("not an object, entry skipped"));
            continue;
        }
        const QJsonObject entry = value.toObject();
        const QJsonValue resource = entry.value("resource"_L1);
        if (resource.isUndefined()) {
            const QJsonObject request = entry.value("request"_L1).toObject();
            if (request.value("method"_L1).toString() == QLatin1String("DELETE")) {
                warnEntry(source, index, FhirEntryContext::Container::Bundle,
                          QStringLiteral("request DELETE %1 not applied (no resource), entry skipped")
                              .arg(request.value("url"_L1).toString().left(200)));
            } else if (!entry.contains("response"_L1)) {  // a response without a body carries nothing to read
                warnEntry(source, index, FhirEntryContext::Container::Bundle, QStringLiteral("no resource, entry skipped"));
            }
            continue;
        }
        addResource(resource, entry.value("fullUrl"_L1).toString(), source, index, FhirEntryContext::Container::Bundle);
    }
    return {};
}

core::Status FhirImportSession::addNdjson(QByteArrayView json, int source) {
    for (const FhirNdjsonLine &line : FhirJson::ndjsonLines(json)) {
        if ((line.index & 255) == 0 && cancelled()) return core::Error::cancelled();
        const core::Result<QJsonDocument> document = FhirJson::parse(line.bytes, sources_.at(source), line.index);
        if (!document.ok()) {
            record_.warnings << document.error().message() + QStringLiteral(", line skipped");
        } else if (!document.value().isObject()) {
            warnEntry(source, line.index, FhirEntryContext::Container::Ndjson,
                      QStringLiteral("not a JSON object, line skipped"));
        } else {
            addResource(document.value().object(), {}, source, line.index, FhirEntryContext::Container::Ndjson);
        }
    }
    return {};
}

void FhirImportSession::addResource(const QJsonValue &value, const QString &fullUrl, int source, int index,
                                    FhirEntryContext::Container container) {
    if (!value.isObject()) {
        warnEntry(source, index, container, QStringLiteral("resource is not an object, entry skipped"));
        return;
    }
    const QJsonObject resource = value.toObject();
    const QJsonValue typeValue = resource.value("resourceType"_L1);
    if (!typeValue.isString() || typeValue.toString().isEmpty()) {
        warnEntry(source, index, container, QStringLiteral("resource: missing resourceType, entry skipped"));
        return;
    }
    Entry entry;
    entry.source = source;
    entry.index = index;
    entry.container = container;
    entry.type = typeValue.toString();
    const QJsonValue idValue = resource.value("id"_L1);
    const QString id = idValue.toString();
    entry.id = id.isEmpty() ? fullUrl : id;
    if (!idValue.isUndefined() && !idValue.isString()) {
        contextFor(entry).note(QStringLiteral("id"), QStringLiteral("not a string; entry skipped"));
        return;
    }
    if (!id.isEmpty() && !isValidId(id)) {
        contextFor(entry).note(QStringLiteral("id"),
                               QStringLiteral("not a valid FHIR id (1–64 of A–Z a–z 0–9 - .); kept as it is"));
    }
    int duplicateOf = -1;
    entry.resolverEntry = resolver_.add(fullUrl, entry.type, id, resource, &duplicateOf);
    if (duplicateOf >= 0) {
        if (duplicatesPerSource_[source]++ == 0) firstDuplicatePerSource_[source] = contextFor(entry).location();
        return;
    }
    entries_.append(entry);
}

void FhirImportSession::warnEntry(int source, int index, FhirEntryContext::Container container, const QString &what) {
    const QString &file = sources_.at(source);
    switch (container) {
    case FhirEntryContext::Container::Bundle:
        record_.warnings << QStringLiteral("%1: Bundle.entry[%2]: %3").arg(file).arg(index).arg(what);
        return;
    case FhirEntryContext::Container::Ndjson:
        record_.warnings << QStringLiteral("%1: line %2: %3").arg(file).arg(index + 1).arg(what);
        return;
    case FhirEntryContext::Container::Single: break;
    }
    record_.warnings << QStringLiteral("%1: %2").arg(file, what);
}

FhirEntryContext FhirImportSession::contextFor(const Entry &entry) {
    FhirEntryContext context;
    context.file = sources_.at(entry.source);
    context.container = entry.container;
    context.index = entry.index;
    context.resourceType = entry.type;
    context.resourceId = entry.id;
    if (entry.resolverEntry >= 0) context.resource = resolver_.resource(entry.resolverEntry);
    context.resolver = &resolver_;
    context.notes = &record_.warnings;
    return context;
}

}  // namespace twin::ehr
