#pragma once
// ScenarioFieldReader: reads the keys of one JSON object of a scenario file with its field path
// ("interventions[2]"), keeping the FIRST error (file + field + what) and returning neutral
// values after it, so that a reader reads straight through and checks failed() once. Every key
// read is remembered; rejectUnknownKeys() then reports the first key nobody read, by name (a
// misspelt "cylces" must not silently leave cycles at its default).

#include "twin/core/Error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace twin::simulation {

class ScenarioFieldReader {
public:
    /// `firstError` is shared by every reader of one file; `path` is "" for the root object.
    ScenarioFieldReader(QJsonObject object, QString path, QString file,
                        std::shared_ptr<std::optional<core::Error>> firstError)
        : object_(std::move(object)), path_(std::move(path)), file_(std::move(file)), error_(std::move(firstError)) {}

    /// The full field name of `key` ("interventions[2].cycles").
    QString field(const QString &key) const { return path_.isEmpty() ? key : path_ + QLatin1Char('.') + key; }
    const QString &path() const { return path_; }
    bool has(const QString &key) const { return object_.contains(key); }
    bool failed() const { return error_->has_value(); }
    const std::shared_ptr<std::optional<core::Error>> &sharedError() const { return error_; }
    const QString &file() const { return file_; }

    /// Records an error at `field` unless one is recorded already.
    void fail(const QString &field, const QString &what) {
        if (!error_->has_value()) *error_ = core::Error::invalidInput(what).inFile(file_).atField(field);
    }

    /// A finite number; required unless `fallback` is given.
    double number(const QString &key, std::optional<double> fallback = std::nullopt);
    /// An integral number within int range.
    int integer(const QString &key, std::optional<int> fallback = std::nullopt);
    QString text(const QString &key, std::optional<QString> fallback = std::nullopt);
    /// An array / object; a missing optional one is empty.
    QJsonArray array(const QString &key, bool required);
    QJsonObject object(const QString &key, bool required);

    /// A reader of the object at `key[index]` of an array read from this one.
    ScenarioFieldReader element(const QString &key, qsizetype index, const QJsonValue &value);
    ScenarioFieldReader child(const QString &key, const QJsonObject &object) const {
        return {object, field(key), file_, error_};
    }

    /// Fails at the first key (in sorted order) that no read asked for.
    void rejectUnknownKeys();

private:
    const QJsonValue *lookup(const QString &key, bool required);

    QJsonObject object_;
    QString path_;
    QString file_;
    std::shared_ptr<std::optional<core::Error>> error_;
    QSet<QString> read_;
    QJsonValue current_;
};

}  // namespace twin::simulation
