#include "twin/dicom/DicomFolderScanner.h"

#include "twin/dicom/DicomStructureGuard.h"
#include "DicomIndexImpl.h"
#include "twin/dicom/DcmtkLogging.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvr.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <mutex>

namespace twin::dicom {

namespace {

constexpr int kBatchFiles = 200;  // files per committed transaction
constexpr Uint32 kMaxReadLength = 4096;
const char *const kDicomdirClass = "1.2.840.10008.1.3.10";  // Media Storage Directory Storage

void configureDcmtkOnce() {
    DcmtkLogging::configureOnce();
    // As DicomFileProbe: CP-246 files carry everything as UN; convert known tags (process-wide).
    static std::once_flag once;
    std::call_once(once, [] { dcmEnableUnknownVRConversion.set(OFTrue); });
}

QString stringOf(DcmItem *item, const DcmTagKey &key) {
    OFString value;
    if (item && item->findAndGetOFStringArray(key, value).good()) return QString::fromLatin1(value.c_str()).trimmed();
    return {};
}

int intOf(DcmItem *item, const DcmTagKey &key) {
    const QString text = stringOf(item, key);
    bool ok = false;
    const int value = text.section(QLatin1Char('\\'), 0, 0).trimmed().toInt(&ok);
    return ok ? value : 0;
}

QString pathOf(const QFileInfo &info) { return QDir::cleanPath(info.absoluteFilePath()); }

enum class Sniff { Dicm, LooksLikeDataset, Other };

// 'DICM' at 128, or a dataset starting with a group 0002/0008 tag (no preamble, either endian).
Sniff sniff(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return Sniff::Other;
    const QByteArray head = file.read(132);
    if (head.size() >= 132 && head.mid(128, 4) == "DICM") return Sniff::Dicm;
    if (head.size() >= 8) {
        const auto b = [&](int i) { return static_cast<unsigned char>(head.at(i)); };
        const unsigned le = b(0) | (b(1) << 8);
        const unsigned be = (b(0) << 8) | b(1);
        if (le == 0x0002 || le == 0x0008 || be == 0x0002 || be == 0x0008) return Sniff::LooksLikeDataset;
        // An explicit-VR (0002,xxxx)/(0008,xxxx) element a few stray bytes in.
        const auto upper = [&](int i) { return b(i) >= 'A' && b(i) <= 'Z'; };
        for (int off = 1; off + 6 <= head.size() && off < 8; ++off)
            if ((b(off) == 0x02 || b(off) == 0x08) && b(off + 1) == 0 && upper(off + 4) && upper(off + 5))
                return Sniff::LooksLikeDataset;
    }
    return Sniff::Other;
}

bool isDicomdirName(const QString &path) {
    return QFileInfo(path).fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) == 0;
}

struct Outcome {
    enum Kind { Instance, NonDicom, Broken, Dicomdir } kind = NonDicom;
    InstanceHeader header;
    QString reason;
};

Outcome readFile(const QString &path) {
    Outcome outcome;
    const Sniff kind = sniff(path);
    if (auto guard = DicomStructureGuard::check(path); !guard) {
        if (kind == Sniff::Other) return outcome;  // not DICOM: skipped quietly
        outcome.kind = Outcome::Broken;
        outcome.reason = guard.error().message();
        return outcome;
    }
    DcmFileFormat file;
    const OFCondition status = file.loadFileUntilTag(OFFilename(QFile::encodeName(path).constData()), EXS_Unknown,
                                                     EGL_noChange, kMaxReadLength, ERM_autoDetect, DCM_PixelData);
    if (status.bad()) {
        if (kind == Sniff::Other) return outcome;  // not DICOM: skipped quietly
        outcome.kind = Outcome::Broken;
        outcome.reason = core::Error::invalidInput(QStringLiteral("not a readable DICOM file (%1)")
                                                       .arg(QString::fromLatin1(status.text())))
                             .inFile(path)
                             .message();
        return outcome;
    }
    DcmDataset *data = file.getDataset();
    DcmMetaInfo *meta = file.getMetaInfo();
    if (stringOf(meta, DCM_MediaStorageSOPClassUID) == QLatin1String(kDicomdirClass) ||
        stringOf(data, DCM_SOPClassUID) == QLatin1String(kDicomdirClass) || data->tagExists(DCM_DirectoryRecordSequence)) {
        outcome.kind = Outcome::Dicomdir;
        return outcome;
    }
    InstanceHeader &h = outcome.header;
    h.sopClassUid = stringOf(data, DCM_SOPClassUID);
    h.sopInstanceUid = stringOf(data, DCM_SOPInstanceUID);
    h.studyInstanceUid = stringOf(data, DCM_StudyInstanceUID);
    h.seriesInstanceUid = stringOf(data, DCM_SeriesInstanceUID);
    struct Required {
        const QString &value;
        const char *tag;
    };
    for (const Required &r : {Required{h.sopClassUid, "(0008,0016) SOPClassUID"},
                              Required{h.sopInstanceUid, "(0008,0018) SOPInstanceUID"},
                              Required{h.studyInstanceUid, "(0020,000D) StudyInstanceUID"},
                              Required{h.seriesInstanceUid, "(0020,000E) SeriesInstanceUID"}}) {
        if (r.value.isEmpty()) {
            // Something without DICM that parsed but has none of the UIDs is not DICOM at all.
            if (kind == Sniff::Other) return outcome;
            outcome.kind = Outcome::Broken;
            outcome.reason = core::Error::invalidInput(QStringLiteral("missing required attribute"))
                                 .inFile(path)
                                 .atTag(QString::fromLatin1(r.tag))
                                 .message();
            return outcome;
        }
    }
    h.patientId = stringOf(data, DCM_PatientID);
    h.patientName = stringOf(data, DCM_PatientName);
    h.patientBirthDate = stringOf(data, DCM_PatientBirthDate);
    h.patientSex = stringOf(data, DCM_PatientSex);
    h.studyDate = stringOf(data, DCM_StudyDate);
    h.studyDescription = stringOf(data, DCM_StudyDescription);
    h.modality = stringOf(data, DCM_Modality);
    h.seriesNumber = intOf(data, DCM_SeriesNumber);
    h.seriesDescription = stringOf(data, DCM_SeriesDescription);
    h.frameOfReferenceUid = stringOf(data, DCM_FrameOfReferenceUID);
    h.instanceNumber = intOf(data, DCM_InstanceNumber);
    h.transferSyntaxUid = stringOf(meta, DCM_TransferSyntaxUID);
    if (h.transferSyntaxUid.isEmpty()) {
        const char *uid = DcmXfer(file.getDataset()->getOriginalXfer()).getXferID();
        if (uid) h.transferSyntaxUid = QString::fromLatin1(uid);
    }
    outcome.kind = Outcome::Instance;
    return outcome;
}

struct DicomdirContents {
    QStringList files;
    QList<IndexProblem> problems;
};

// Referenced file IDs of a DICOMDIR, resolved inside its folder. Unsafe or missing ones are problems.
DicomdirContents readDicomdir(const QString &path) {
    DicomdirContents contents;
    if (auto guard = DicomStructureGuard::check(path); !guard) {
        contents.problems.append({path, guard.error().message()});
        return contents;
    }
    DcmFileFormat file;
    const OFCondition status = file.loadFile(OFFilename(QFile::encodeName(path).constData()), EXS_Unknown, EGL_noChange,
                                             kMaxReadLength, ERM_autoDetect);
    if (status.bad()) {
        contents.problems.append({path, core::Error::invalidInput(QStringLiteral("not a readable DICOMDIR (%1)")
                                                                       .arg(QString::fromLatin1(status.text())))
                                            .inFile(path)
                                            .message()});
        return contents;
    }
    DcmSequenceOfItems *records = nullptr;
    if (file.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || !records) {
        contents.problems.append({path, core::Error::invalidInput(QStringLiteral("DICOMDIR without records"))
                                            .inFile(path)
                                            .atTag(QStringLiteral("(0004,1220) DirectoryRecordSequence"))
                                            .message()});
        return contents;
    }
    const QDir base = QFileInfo(path).absoluteDir();
    const QString basePrefix = folderPrefix(QDir::cleanPath(base.absolutePath()));
    QSet<QString> seen;
    for (unsigned long i = 0; i < records->card(); ++i) {
        DcmItem *record = records->getItem(i);
        const QString id = stringOf(record, DCM_ReferencedFileID);
        if (id.isEmpty()) continue;
        const QStringList parts = id.split(QLatin1Char('\\'));
        bool safe = !parts.isEmpty();
        for (const QString &part : parts)
            if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..") || part.contains(QLatin1Char('/')) ||
                part.contains(QLatin1Char(':')))
                safe = false;
        QString resolved = QDir::cleanPath(base.absoluteFilePath(parts.join(QLatin1Char('/'))));
        if (!safe || !resolved.startsWith(basePrefix)) {
            contents.problems.append({path, core::Error::invalidInput(QStringLiteral("unsafe referenced file ID '%1' (outside the DICOMDIR's folder)")
                                                                           .arg(id))
                                                .inFile(path)
                                                .atTag(QStringLiteral("(0004,1500) ReferencedFileID"))
                                                .message()});
            continue;
        }
        if (!QFileInfo(resolved).isFile()) {
            // Media written on other systems often differ in case only.
            const QString lower = QDir::cleanPath(base.absoluteFilePath(parts.join(QLatin1Char('/')).toLower()));
            if (QFileInfo(lower).isFile()) resolved = lower;
        }
        // Symbolic links inside the media must not lead out of it either.
        const QString canonical = QFileInfo(resolved).canonicalFilePath();
        const QString canonicalBase = folderPrefix(QFileInfo(base.absolutePath()).canonicalFilePath());
        if (!canonical.isEmpty() && !canonical.startsWith(canonicalBase)) {
            contents.problems.append({path, core::Error::invalidInput(QStringLiteral("referenced file ID '%1' links outside the DICOMDIR's folder")
                                                                           .arg(id))
                                                .inFile(path)
                                                .atTag(QStringLiteral("(0004,1500) ReferencedFileID"))
                                                .message()});
            continue;
        }
        if (!QFileInfo(resolved).isFile()) {
            contents.problems.append({resolved, core::Error::notFound(QStringLiteral("file referenced by DICOMDIR %1 is missing").arg(path))
                                                    .inFile(resolved)
                                                    .message()});
            continue;
        }
        if (!seen.contains(resolved)) {
            seen.insert(resolved);
            contents.files.append(resolved);
        }
    }
    return contents;
}

qint64 mtimeOf(const QFileInfo &info) { return info.lastModified().toMSecsSinceEpoch(); }

}  // namespace

core::Result<DicomScanReport> DicomFolderScanner::scan(const QString &indexPath, const QString &root, core::JobContext *context) {
    auto index = DicomIndex::open(indexPath);
    if (!index.ok()) return index.error();
    return scan(*index.value(), root, context);
}

core::Result<DicomScanReport> DicomFolderScanner::scan(DicomIndex &index, const QString &root, core::JobContext *context) {
    configureDcmtkOnce();
    QElapsedTimer timer;
    timer.start();
    DicomScanReport report;
    const QFileInfo rootInfo(root);
    if (!rootInfo.exists()) return core::Error::notFound(QStringLiteral("folder does not exist")).inFile(root);
    const bool rootIsDicomdir = rootInfo.isFile();
    const QString folder = QDir::cleanPath(rootIsDicomdir ? rootInfo.absolutePath() : rootInfo.absoluteFilePath());
    const QString prefix = folderPrefix(folder);
    DicomIndex::Impl &db = index.impl();
    const QString indexFile = QDir::cleanPath(index.path());
    const QSet<QString> ownFiles{indexFile, indexFile + QStringLiteral("-wal"), indexFile + QStringLiteral("-shm"),
                                 indexFile + QStringLiteral("-journal")};

    if (context) context->setProgress(0.0, QStringLiteral("Listing files"));
    QStringList candidates;
    QSet<QString> seen;
    const auto addCandidate = [&](const QString &path) {
        if (ownFiles.contains(path) || seen.contains(path)) return;
        seen.insert(path);
        candidates.append(path);
    };
    if (rootIsDicomdir) {
        addCandidate(pathOf(rootInfo));
    } else {
        QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            if (context && context->isCancelled()) return core::Error::cancelled();
            addCandidate(pathOf(it.fileInfo()));
        }
        std::sort(candidates.begin(), candidates.end());
    }

    auto known = db.knownFiles(prefix);
    if (!known.ok()) return known.error();
    if (auto s = db.begin(); !s.ok()) return s.error();
    int inBatch = 0;
    const auto commitBatch = [&]() -> core::Status {
        if (auto s = db.commit(); !s.ok()) return s;
        inBatch = 0;
        return db.begin();
    };
    const auto fail = [&](const core::Error &error) -> core::Result<DicomScanReport> {
        db.db().rollback();
        db.patientIds.clear();
        db.studyIds.clear();
        db.seriesIds.clear();
        return error;
    };

    // candidates grows while we go (files referenced by DICOMDIRs).
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (context) {
            if (context->isCancelled()) {
                // Keep what is done (changed files may have left a series empty: prune it).
                if (auto s = db.pruneEmpty(); !s.ok()) return fail(s.error());
                if (auto s = db.commit(); !s.ok()) return fail(s.error());
                return core::Error::cancelled();
            }
            context->setProgress(double(i) / double(candidates.size()), QStringLiteral("Reading DICOM headers"));
        }
        const QString path = candidates.at(i);
        const QFileInfo info(path);
        const qint64 size = info.size();
        const qint64 mtime = mtimeOf(info);
        ++report.scanned;
        const auto previous = known.value().constFind(path);
        const bool wasKnown = previous != known.value().cend();
        const bool dicomdirName = isDicomdirName(path);
        if (wasKnown && previous->size == size && previous->mtimeMs == mtime && !dicomdirName) {
            ++report.unchanged;
            if (previous->kind == KnownFile::Problem) ++report.broken;
            if (previous->kind == KnownFile::Skipped) ++report.skippedNonDicom;
            continue;
        }
        if (wasKnown)
            if (auto s = db.forgetFile(path); !s.ok()) return fail(s.error());
        Outcome outcome = readFile(path);
        switch (outcome.kind) {
        case Outcome::Instance:
            if (auto s = db.putInstance(outcome.header, path, size, mtime); !s.ok()) return fail(s.error());
            ++(wasKnown ? report.updated : report.added);
            break;
        case Outcome::NonDicom:
            if (auto s = db.putSkipped(path, size, mtime); !s.ok()) return fail(s.error());
            ++report.skippedNonDicom;
            if (wasKnown) ++report.updated;
            break;
        case Outcome::Broken:
            if (auto s = db.putProblem(path, outcome.reason, size, mtime); !s.ok()) return fail(s.error());
            ++report.broken;
            if (wasKnown) ++report.updated;
            break;
        case Outcome::Dicomdir: {
            ++report.dicomdirs;
            // Not an instance; remembered as skipped so it is not mistaken for a removed file.
            if (auto s = db.putSkipped(path, size, mtime); !s.ok()) return fail(s.error());
            const DicomdirContents contents = readDicomdir(path);
            for (const IndexProblem &problem : contents.problems) {
                if (auto s = db.putProblem(problem.path, problem.reason, -1, -1); !s.ok()) return fail(s.error());
                ++report.broken;
                if (problem.path != path && !seen.contains(problem.path)) seen.insert(problem.path);
            }
            for (const QString &file : contents.files) addCandidate(file);
            break;
        }
        }
        if (++inBatch >= kBatchFiles)
            if (auto s = commitBatch(); !s.ok()) return fail(s.error());
    }

    if (context) context->setProgress(1.0, QStringLiteral("Updating the index"));
    // Files indexed under the folder that this scan did not see are gone. A DICOMDIR scan sees
    // only what it references: it drops only files that no longer exist.
    for (auto it = known.value().cbegin(); it != known.value().cend(); ++it) {
        if (seen.contains(it.key())) continue;
        if (rootIsDicomdir && QFileInfo::exists(it.key())) continue;
        if (auto s = db.forgetFile(it.key()); !s.ok()) return fail(s.error());
        ++report.removed;
    }
    if (auto s = db.pruneEmpty(); !s.ok()) return fail(s.error());
    if (auto s = db.commit(); !s.ok()) return fail(s.error());
    report.elapsedMs = timer.elapsed();
    return report;
}

}  // namespace twin::dicom
