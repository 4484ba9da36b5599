// `didymos-cli twin course`: see TwinCommand.h.
#include "TwinCommand.h"

#include "TumourCourseAssembler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twin::cli {

namespace {

QJsonArray triple(const std::array<double, 3> &v) { return QJsonArray{v[0], v[1], v[2]}; }

QJsonObject registrationJson(const imaging::RigidRegistrationResult &r) {
    return {{QStringLiteral("quality"), r.quality},
            {QStringLiteral("nccBefore"), r.nccBefore},
            {QStringLiteral("nccAfter"), r.nccAfter},
            {QStringLiteral("translationMm"), triple(r.translationMm)},
            {QStringLiteral("centreMm"), triple(r.centreMm)},
            {QStringLiteral("rotation"), QJsonArray{r.rotation[0], r.rotation[1], r.rotation[2], r.rotation[3], r.rotation[4],
                                                    r.rotation[5], r.rotation[6], r.rotation[7], r.rotation[8]}},
            {QStringLiteral("rotationDegrees"), r.rotationDegrees},
            {QStringLiteral("iterations"), r.iterations},
            {QStringLiteral("stopCondition"), r.stopCondition}};
}

QJsonObject pointJson(const imaging::TumourTimePoint &p, const QString &folder) {
    QJsonObject o{{QStringLiteral("studyDate"), p.studyDate.toString(Qt::ISODate)},
                  {QStringLiteral("daysFromBaseline"), p.daysFromBaseline},
                  {QStringLiteral("studyInstanceUid"), p.studyInstanceUid},
                  {QStringLiteral("frameOfReferenceUid"), p.frameOfReferenceUid},
                  {QStringLiteral("folder"), folder},
                  {QStringLiteral("structure"), p.structureName},
                  {QStringLiteral("volumeMl"), p.volumeMl},
                  {QStringLiteral("volumeChangePct"), p.volumeChangePct},
                  {QStringLiteral("longestAxialDiameterMm"), p.longestAxialDiameterMm},
                  {QStringLiteral("diameterChangePct"), p.diameterChangePct},
                  {QStringLiteral("response"), p.response},
                  {QStringLiteral("centroidMm"), triple(p.centroidMm)},
                  {QStringLiteral("centroidInBaselineMm"), triple(p.centroidInBaselineMm)},
                  {QStringLiteral("centroidShiftMm"), p.centroidShiftMm}};
    if (p.registrationToBaseline) o.insert(QStringLiteral("registration"), registrationJson(*p.registrationToBaseline));
    return o;
}

}  // namespace

int TwinCommand::runCourse(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    app::TumourCourseRequest request;
    bool json = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (a == QStringLiteral("--json")) json = true;
        else if (a == QStringLiteral("--dicom") && hasValue) request.dicomDirs << arguments.at(++i);
        else if (a == QStringLiteral("--structure") && hasValue) request.structureName = arguments.at(++i);
        else return usageError(err, QStringLiteral("unknown or incomplete option '%1'").arg(a));
    }
    if (request.dicomDirs.isEmpty()) return usageError(err, QStringLiteral("missing --dicom DIR"));
    auto assembled = app::TumourCourseAssembler::assemble(request);
    if (!assembled.ok()) return failure(err, assembled.error().message());
    const app::TumourCourseReport &report = assembled.value();
    const imaging::TumourCourse &course = report.course;

    QJsonArray points;
    for (qsizetype i = 0; i < course.points().size(); ++i) points.append(pointJson(course.points()[i], report.studyFolders.value(i)));
    if (json) {
        QJsonObject root{{QStringLiteral("patientId"), report.patientId},
                         {QStringLiteral("timePoints"), points},
                         {QStringLiteral("warnings"), QJsonArray::fromStringList(report.warnings)}};
        if (course.growthRatePerDay()) root.insert(QStringLiteral("growthRatePerDay"), *course.growthRatePerDay());
        if (course.volumeDoublingTimeDays())
            root.insert(QStringLiteral("volumeDoublingTimeDays"), *course.volumeDoublingTimeDays());
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    out << QStringLiteral("Tumour course of patient %1: %2 time point(s)\n").arg(report.patientId).arg(course.points().size());
    for (const imaging::TumourTimePoint &p : course.points()) {
        QString line = QStringLiteral("  %1 (day %2) %3: %4 mL (%5%), %6 mm, %7")
                           .arg(p.studyDate.toString(Qt::ISODate))
                           .arg(p.daysFromBaseline)
                           .arg(p.structureName)
                           .arg(p.volumeMl, 0, 'f', 1)
                           .arg(p.volumeChangePct, 0, 'f', 0)
                           .arg(p.longestAxialDiameterMm, 0, 'f', 0)
                           .arg(p.response);
        if (p.registrationToBaseline) line += QStringLiteral(", registered: ") + p.registrationToBaseline->summary();
        out << line << '\n';
    }
    if (course.volumeDoublingTimeDays())
        out << QStringLiteral("  volume doubling time %1 days%2\n")
                   .arg(*course.volumeDoublingTimeDays(), 0, 'f', 0)
                   .arg(*course.volumeDoublingTimeDays() < 0 ? QStringLiteral(" (shrinking: the volume halves)") : QString());
    for (const QString &w : report.warnings) out << QStringLiteral("warning: ") << w << '\n';
    return kExitOk;
}

}  // namespace twin::cli
