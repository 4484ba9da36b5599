#include "EhrCommand.h"

#include "twin/ehr/EhrImporter.h"
#include "twin/ehr/PatientSummary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twin::cli {

namespace {

QJsonObject covariateJson(const ehr::Covariate &c) {
    QJsonObject o{{QStringLiteral("name"), c.name},
                  {QStringLiteral("known"), c.known},
                  {QStringLiteral("unit"), c.unit},
                  {QStringLiteral("source"), c.source},
                  {QStringLiteral("date"), c.date.isValid() ? QJsonValue(c.date.toString(Qt::ISODate)) : QJsonValue()},
                  {QStringLiteral("method"), c.method}};
    // Categorical and list covariates ("female"; "cisplatin 75 mg/m2; …") carry their meaning in
    // the text; a list's numeric value is its item count.
    if (!c.known) {
        o.insert(QStringLiteral("value"), QJsonValue());
    } else if (!c.text.isEmpty()) {
        o.insert(QStringLiteral("value"), c.text);
        if (c.value) o.insert(QStringLiteral("count"), *c.value);
    } else if (c.value) {
        o.insert(QStringLiteral("value"), *c.value);
    }
    if (!c.note.isEmpty()) o.insert(QStringLiteral("note"), c.note);
    if (c.usesPopulationDefault) o.insert(QStringLiteral("populationDefault"), true);
    return o;
}

}  // namespace

int EhrCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    if (arguments.isEmpty() || arguments.first() != QStringLiteral("summary")) return usageError(err, QStringLiteral("expected 'summary'"));
    QString path;
    bool json = false;
    ehr::EhrImportOptions options;
    QDateTime asOf = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QStringLiteral("--json")) {
            json = true;
        } else if (argument == QStringLiteral("--patient") && i + 1 < arguments.size()) {
            options.patientId = arguments.at(++i);
        } else if (argument == QStringLiteral("--as-of") && i + 1 < arguments.size()) {
            const QDate date = QDate::fromString(arguments.at(++i), Qt::ISODate);
            if (!date.isValid()) return usageError(err, QStringLiteral("--as-of needs a date YYYY-MM-DD, not '%1'").arg(arguments.at(i)));
            asOf = QDateTime(date, QTime(23, 59, 59), Qt::UTC);
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError(err, QStringLiteral("unknown or incomplete option '%1'").arg(argument));
        } else if (path.isEmpty()) {
            path = argument;
        } else {
            return usageError(err, QStringLiteral("unexpected argument '%1'").arg(argument));
        }
    }
    if (path.isEmpty()) return usageError(err, QStringLiteral("missing FILE_OR_DIR"));
    auto record = ehr::EhrImporter::import(path, options);
    if (!record.ok()) return failure(err, record.error().message());
    const ehr::PatientRecord &r = record.value();
    const ehr::PatientSummary summary = ehr::PatientSummary::build(r, asOf);
    if (!json) {
        out << summary.displayName << " (" << summary.patientId << "), " << summary.sex << ", born "
            << (summary.birthDate ? summary.birthDate->toString(Qt::ISODate) : QStringLiteral("unknown")) << '\n';
        for (const QString &diagnosis : summary.diagnoses) out << "  diagnosis: " << diagnosis << '\n';
        for (const ehr::Covariate &c : summary.covariates) {
            out << "  " << c.name << ": "
                << (!c.known          ? QStringLiteral("unknown (%1)").arg(c.note)
                    : !c.text.isEmpty() ? c.text
                    : c.value           ? QStringLiteral("%1 %2").arg(*c.value, 0, 'g', 6).arg(c.unit).trimmed()
                                        : QString())
                << '\n';
        }
        for (const QString &warning : r.warnings) out << "  warning: " << warning << '\n';
        return kExitOk;
    }
    QJsonObject counts;
    for (auto it = r.countsByType.cbegin(); it != r.countsByType.cend(); ++it) counts.insert(it.key(), it.value());
    QJsonArray covariates;
    for (const ehr::Covariate &c : summary.covariates) covariates.append(covariateJson(c));
    const QJsonObject patient{{QStringLiteral("id"), r.demographics.id},
                              {QStringLiteral("name"), summary.displayName},
                              {QStringLiteral("birthDate"), r.demographics.birthDate ? QJsonValue(r.demographics.birthDate->toString(Qt::ISODate)) : QJsonValue()},
                              {QStringLiteral("sex"), r.demographics.sex}};
    out << QJsonDocument(QJsonObject{{QStringLiteral("patient"), patient},
                                     {QStringLiteral("asOf"), asOf.toString(Qt::ISODate)},
                                     {QStringLiteral("covariates"), covariates},
                                     {QStringLiteral("counts"), counts},
                                     {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}})
               .toJson(QJsonDocument::Indented);
    return kExitOk;
}

}  // namespace twin::cli
