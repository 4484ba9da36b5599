#include "PhantomRecord.h"

namespace twin::phantom {

PhantomRecord PhantomRecord::standard(const PhantomUids &uids) {
    PhantomRecord record;
    record.identity.patientId = QStringLiteral("DIDYMOS-DEMO-001");
    record.identity.familyName = QStringLiteral("Demo");
    record.identity.givenName = QStringLiteral("Didymos");
    record.birthDate = QDate(1958, 3, 12);
    record.identity.birthDate = record.birthDate.toString(Qt::ISODate);
    record.identity.sex = QStringLiteral("female");
    record.identity.studyInstanceUid = uids.study();
    record.identity.ctSeriesInstanceUid = uids.ctSeries();
    record.identity.frameOfReferenceUid = uids.frameOfReference();
    record.diagnosisDate = QDate(2023, 12, 18);
    record.studyDate = QDate(2024, 1, 15);
    record.studyTime = QTime(9, 30, 0);
    record.planDate = QDate(2024, 1, 22);
    record.planTime = QTime(14, 0, 0);
    record.chemotherapyStart = QDate(2024, 1, 29);
    record.studyId = QStringLiteral("DEMO1");
    record.accessionNumber = QStringLiteral("DIDYMOS0001");
    record.studyDescription = QStringLiteral("Synthetic thorax CT for radiotherapy planning");
    record.weightKg = 68.0;
    record.heightCm = 165.0;
    record.prescriptionGy = 60.0;
    record.fractions = 30;
    return record;
}

QString PhantomRecord::dicomPatientName() const {
    return identity.familyName + QLatin1Char('^') + identity.givenName;
}

QString PhantomRecord::dicomSex() const {
    if (identity.sex == QLatin1String("female")) return QStringLiteral("F");
    if (identity.sex == QLatin1String("male")) return QStringLiteral("M");
    return QStringLiteral("O");
}

QString PhantomRecord::dicomAge() const {
    int years = studyDate.year() - birthDate.year();
    if (QDate(studyDate.year(), birthDate.month(), birthDate.day()) > studyDate) --years;
    return QStringLiteral("%1Y").arg(years, 3, 10, QLatin1Char('0'));
}

QString PhantomRecord::dicomDate(const QDate &date) {
    return date.toString(QStringLiteral("yyyyMMdd"));
}

QString PhantomRecord::dicomTime(const QTime &time) {
    return time.toString(QStringLiteral("HHmmss"));
}

}  // namespace twin::phantom
