#pragma once
// Deterministic identifiers for the demo patient: DICOM UIDs under the UUID-derived root
// 2.25 (ISO/IEC 9834-8, DICOM PS3.5 B.2) and FHIR urn:uuid ids, both from name-based
// (version 5) UUIDs. The name is a fixed namespace, the dataset key (which encodes the
// generator options, so a different grid never reuses a UID) and the object's role, e.g.
// "ct-instance/17". Never the clock: the same options give the same files.

#include <QString>
#include <QUuid>

namespace twin::phantom {

class PhantomUids {
public:
    explicit PhantomUids(QString datasetKey);

    /// "2.25.<the UUID as a decimal integer>", at most 44 characters.
    QString uid(const QString &role) const;
    /// For FHIR fullUrl "urn:uuid:<uuid>" and resource ids.
    QString uuid(const QString &role) const;

    QString study() const { return uid(QStringLiteral("study")); }
    QString frameOfReference() const { return uid(QStringLiteral("frame-of-reference")); }
    QString ctSeries() const { return uid(QStringLiteral("ct-series")); }
    QString ctInstance(int slice) const { return uid(QStringLiteral("ct-instance/%1").arg(slice)); }
    QString rtStructSeries() const { return uid(QStringLiteral("rtstruct-series")); }
    QString rtStructInstance() const { return uid(QStringLiteral("rtstruct-instance")); }
    QString rtPlanSeries() const { return uid(QStringLiteral("rtplan-series")); }
    QString rtPlanInstance() const { return uid(QStringLiteral("rtplan-instance")); }
    QString rtDoseSeries() const { return uid(QStringLiteral("rtdose-series")); }
    QString rtDoseInstance() const { return uid(QStringLiteral("rtdose-instance")); }

    /// The UUID's 128 bits as a decimal number without leading zeros.
    static QString toDecimal(const QUuid &uuid);

private:
    QUuid named(const QString &role) const;

    QString datasetKey_;
};

}  // namespace twin::phantom
