#include "TumourCourseAssembler.h"

#include "OrganTwinAssembler.h"

#include "twin/dicom/DicomFileProbe.h"
#include "twin/imaging/RigidRegistration.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QMap>

#include <optional>

namespace twin::app {

namespace {

struct StudyFound {
    QString folder;
    QString studyInstanceUid;
    QString patientId;
    QDate studyDate;
};

/// Every study in the folders: the first folder it was seen in, its patient and date.
QList<StudyFound> findStudies(const QStringList &folders) {
    QList<StudyFound> studies;
    QMap<QString, qsizetype> byUid;
    for (const QString &folder : folders) {
        QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const auto header = dicom::DicomFileProbe::read(it.next());
            if (!header.ok() || header.value().studyInstanceUid.isEmpty()) continue;
            const dicom::DicomHeader &h = header.value();
            if (byUid.contains(h.studyInstanceUid)) continue;
            byUid.insert(h.studyInstanceUid, studies.size());
            studies.append({folder, h.studyInstanceUid, h.patientId, QDate::fromString(h.studyDate, QStringLiteral("yyyyMMdd"))});
        }
    }
    return studies;
}

}  // namespace

QStringList TumourCourseAssembler::studiesByDate(const QStringList &dicomDirs) {
    QList<StudyFound> studies = findStudies(dicomDirs);
    std::stable_sort(studies.begin(), studies.end(), [](const StudyFound &a, const StudyFound &b) {
        return a.studyDate < b.studyDate;
    });
    QStringList uids;
    for (const StudyFound &study : studies) uids << study.studyInstanceUid;
    return uids;
}

bool TumourCourseAssembler::looksLikeTumour(const QString &name) {
    const QString n = name.trimmed().toLower();
    return n == QLatin1String("gtv") || n.startsWith(QLatin1String("gtv")) || n.contains(QLatin1String("tumour")) ||
           n.contains(QLatin1String("tumor")) || n.contains(QLatin1String("lesion"));
}

core::Result<TumourCourseReport> TumourCourseAssembler::assemble(const TumourCourseRequest &request,
                                                                 core::JobContext *context) {
    if (request.dicomDirs.isEmpty()) return core::Error::invalidInput(QStringLiteral("no DICOM folder given"));
    for (const QString &dir : request.dicomDirs)
        if (!QFileInfo(dir).isDir()) return core::Error::notFound(QStringLiteral("not a folder")).inFile(dir);
    if (context) context->setProgress(0.0, QStringLiteral("Finding the studies"));
    QList<StudyFound> studies = findStudies(request.dicomDirs);
    std::stable_sort(studies.begin(), studies.end(), [](const StudyFound &a, const StudyFound &b) {
        return a.studyDate < b.studyDate;
    });
    if (studies.isEmpty()) return core::Error::notFound(QStringLiteral("no DICOM study in the folders"));

    TumourCourseReport report;
    QList<imaging::TumourTimePoint> points;
    std::optional<OrganTwin> baseline;
    const auto keep = [&](const QString &name) {
        return request.structureName.isEmpty() ? looksLikeTumour(name)
                                               : name.compare(request.structureName, Qt::CaseInsensitive) == 0;
    };
    for (qsizetype s = 0; s < studies.size(); ++s) {
        if (context && context->isCancelled()) return core::Error::cancelled();
        const StudyFound &study = studies[s];
        if (context) context->setProgress(0.05 + 0.9 * s / studies.size(), QStringLiteral("Study %1 of %2").arg(s + 1).arg(studies.size()));
        if (!report.patientId.isEmpty() && study.patientId != report.patientId) {
            return core::Error::invalidInput(QStringLiteral("study %1 belongs to patient %2, not %3: a course is one patient's")
                                                 .arg(study.studyInstanceUid, study.patientId, report.patientId))
                .inFile(study.folder);
        }
        OrganTwinRequest organs;
        organs.dicomDir = study.folder;
        organs.studyInstanceUid = study.studyInstanceUid;
        organs.keepStructure = keep;
        auto twin = OrganTwinAssembler::assemble(organs, nullptr);
        if (!twin.ok()) {
            report.warnings << QStringLiteral("study %1 (%2) left out: %3")
                                   .arg(study.studyInstanceUid, study.studyDate.toString(Qt::ISODate), twin.error().message());
            continue;
        }
        if (twin.value().structures.isEmpty()) {
            report.warnings << QStringLiteral("study %1 (%2) left out: no tumour structure (%3)")
                                   .arg(study.studyInstanceUid, study.studyDate.toString(Qt::ISODate),
                                        request.structureName.isEmpty() ? QStringLiteral("GTV, tumour, lesion")
                                                                        : request.structureName);
            continue;
        }
        if (report.patientId.isEmpty()) report.patientId = study.patientId;
        const OrganTwinStructure &tumour = twin.value().structures.front();
        imaging::TumourTimePoint point;
        point.studyDate = study.studyDate;
        point.studyInstanceUid = study.studyInstanceUid;
        point.frameOfReferenceUid = twin.value().image.frameOfReferenceUid;
        point.structureName = tumour.name;
        point.volumeMl = tumour.statistics.volumeMl;
        point.longestAxialDiameterMm = tumour.statistics.longestAxialDiameterMm;
        point.centroidMm = tumour.statistics.centroidMm;
        if (!baseline) {
            baseline = std::move(twin).value();
        } else if (point.frameOfReferenceUid.isEmpty() || point.frameOfReferenceUid != baseline->image.frameOfReferenceUid) {
            // The registration reports its own stage and honours cancel.
            auto registration =
                imaging::RigidRegistration::align(baseline->image.volume(), twin.value().image.volume(), {}, context);
            if (!registration.ok() && registration.error().code() == core::Error::Code::Cancelled)
                return registration.error();
            if (!registration.ok()) {
                report.warnings << QStringLiteral("study %1: registration to the baseline failed (%2); centroid not mapped")
                                       .arg(study.studyInstanceUid, registration.error().message());
            } else {
                point.registrationToBaseline = registration.value();
                if (registration.value().quality == QLatin1String("poor"))
                    report.warnings << QStringLiteral("study %1: poor registration to the baseline (%2)")
                                           .arg(study.studyInstanceUid, registration.value().summary());
            }
        }
        points.append(point);
        report.studyFolders.append(study.folder);
    }
    if (points.isEmpty()) {
        return core::Error::notFound(QStringLiteral("no study with a tumour structure: %1").arg(report.warnings.join(QStringLiteral("; "))));
    }
    report.course = imaging::TumourCourse::from(points);
    if (context) context->setProgress(1.0, QStringLiteral("Tumour course"));
    return report;
}

}  // namespace twin::app
