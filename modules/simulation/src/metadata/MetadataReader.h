#pragma once
// MetadataReader: typed reads of model.json fields that remember the first error, named by
// plugin file and field path ("parameters[2].default"), so the parser reads a whole entry and
// checks once instead of testing every field. Private to the metadata parser.

#include "twin/core/Error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace twin::simulation {

class MetadataReader {
public:
    enum class Presence { Required, Optional };

    explicit MetadataReader(QString pluginFile) : file_(std::move(pluginFile)) {}

    bool failed() const { return error_.has_value(); }
    const core::Error &error() const { return *error_; }
    /// Records an error at `field` unless one is already recorded (the first one is reported).
    void fail(const QString &field, const QString &what, core::Error::Code code = core::Error::Code::InvalidInput);

    static QString field(const QString &path, const QString &key) {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }
    static QString item(const QString &list, qsizetype index) { return QStringLiteral("%1[%2]").arg(list).arg(index); }

    QString string(const QJsonObject &o, const QString &path, const QString &key, Presence presence);
    /// A required string matching [a-z][a-z0-9_]*.
    QString id(const QJsonObject &o, const QString &path, const QString &key);
    /// A string that parses as a UCUM unit.
    QString unit(const QJsonObject &o, const QString &path, const QString &key, Presence presence);
    /// A finite number; `fallback` when optional and absent.
    double number(const QJsonObject &o, const QString &path, const QString &key, Presence presence,
                  double fallback = 0.0);
    std::optional<double> optionalNumber(const QJsonObject &o, const QString &path, const QString &key);
    bool boolean(const QJsonObject &o, const QString &path, const QString &key, bool fallback);
    /// An array (empty when optional and absent).
    QJsonArray array(const QJsonObject &o, const QString &path, const QString &key, Presence presence);
    /// Element `index` of `list` as an object.
    QJsonObject object(const QJsonValue &value, const QString &field);
    /// An optional array of strings.
    QStringList strings(const QJsonObject &o, const QString &path, const QString &key);

    static bool isId(const QString &text);

private:
    QString file_;
    std::optional<core::Error> error_;
};

}  // namespace twin::simulation
