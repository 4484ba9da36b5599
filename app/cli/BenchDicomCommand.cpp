#include "BenchDicomCommand.h"

#include "twin/dicom/DicomFileProbe.h"
#include "twin/dicom/SeriesVolumeLoader.h"

#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace twin::cli {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

using ItkImage = itk::Image<std::int16_t, 3>;

struct Timing {
    double median = 0, min = 0, max = 0;
};

Timing summarise(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

/// Each timed run starts from the same heap: freed memory goes back to the system first, so
/// ours and ITK both pay for touching fresh pages as a load in a new process does.
void releaseFreedMemory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

Timing measure(int runs, const std::function<void()> &run) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        releaseFreedMemory();
        QElapsedTimer timer;
        timer.start();
        run();
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    return summarise(ms);
}

/// A field of /proc/self/status in KiB (VmHWM, VmRSS), or -1.
double statusKiB(const char *field) {
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly)) return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith(key)) return line.mid(key.size()).trimmed().split(' ').value(0).toDouble();
    return -1;
}

struct FoundSeries {
    QString uid;
    QStringList files;
    int rows = 0, columns = 0;
    qint64 frames = 0;
    qint64 voxels() const { return qint64(rows) * columns * frames; }
};

/// The image series under `root` (files grouped by SeriesInstanceUID), volumes (two frames or
/// more) first, then the most voxels first.
QList<FoundSeries> seriesBySize(const QString &root, int &dicomFiles) {
    QHash<QString, FoundSeries> series;
    QDirIterator it(root, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    dicomFiles = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const auto header = dicom::DicomFileProbe::read(path);
        if (!header) continue;
        ++dicomFiles;
        const dicom::DicomHeader &h = header.value();
        if (h.rows <= 0 || h.columns <= 0 || h.seriesInstanceUid.isEmpty()) continue;
        FoundSeries &s = series[h.seriesInstanceUid];
        s.uid = h.seriesInstanceUid;
        s.files << path;
        s.rows = h.rows;
        s.columns = h.columns;
        s.frames += std::max(1, h.numberOfFrames);
    }
    QList<FoundSeries> sorted = series.values();
    for (FoundSeries &s : sorted) s.files.sort();
    std::sort(sorted.begin(), sorted.end(), [](const FoundSeries &a, const FoundSeries &b) {
        if ((a.frames > 1) != (b.frames > 1)) return a.frames > 1;
        if (a.voxels() != b.voxels()) return a.voxels() > b.voxels();
        return a.uid < b.uid;
    });
    return sorted;
}

ItkImage::Pointer loadWithItk(const std::string &folder, const std::string &uid, std::size_t *fileCount = nullptr) {
    auto names = itk::GDCMSeriesFileNames::New();
    names->SetUseSeriesDetails(false);  // the identifier is the plain SeriesInstanceUID
    names->SetDirectory(folder);
    const std::vector<std::string> files = names->GetFileNames(uid);
    if (fileCount) *fileCount = files.size();
    auto io = itk::GDCMImageIO::New();
    auto reader = itk::ImageSeriesReader<ItkImage>::New();
    reader->SetImageIO(io);
    reader->SetFileNames(files);
    reader->Update();
    return reader->GetOutput();
}

struct Comparison {
    bool sameDimensions = false;
    double maxSpacingDifference = 0;
    double maxAbsDifference = -1;  // real values; -1 when not comparable
    bool reversedSlices = false;   // ITK's slice order is the reverse of ours
};

Comparison compare(const core::ScalarVolume &ours, const ItkImage *itk) {
    Comparison c;
    const auto size = itk->GetLargestPossibleRegion().GetSize();
    const auto &g = ours.geometry();
    c.sameDimensions = int(size[0]) == g.dimensions[0] && int(size[1]) == g.dimensions[1] && int(size[2]) == g.dimensions[2];
    for (int a = 0; a < 3; ++a) c.maxSpacingDifference = std::max(c.maxSpacingDifference, std::fabs(itk->GetSpacing()[a] - g.spacingMm[a]));
    if (!c.sameDimensions) return c;
    const std::int16_t *theirs = itk->GetBufferPointer();
    const std::size_t slice = std::size_t(g.dimensions[0]) * std::size_t(g.dimensions[1]);
    const int slices = g.dimensions[2];
    auto maxDifference = [&](bool reversed) {
        double worst = 0;
        for (int k = 0; k < slices; ++k) {
            const std::int16_t *a = ours.slice(k);
            const std::int16_t *b = theirs + std::size_t(reversed ? slices - 1 - k : k) * slice;
            for (std::size_t i = 0; i < slice; ++i) worst = std::max(worst, std::fabs(ours.toReal(a[i]) - double(b[i])));
        }
        return worst;
    };
    c.maxAbsDifference = maxDifference(false);
    if (c.maxAbsDifference > 0 && slices > 1) {
        const double reversed = maxDifference(true);
        if (reversed < c.maxAbsDifference) {
            c.maxAbsDifference = reversed;
            c.reversedSlices = true;
        }
    }
    return c;
}

struct ChildLoad {
    bool ok = false;
    QString error;
    double peakMiB = -1, baselineMiB = -1, ms = -1;
};

/// Our load alone, in a fresh process: this executable's `bench dicom-load-only LIST`.
ChildLoad measureInChild(const QStringList &files) {
    ChildLoad result;
    QTemporaryDir dir;
    QFile list(dir.filePath(QStringLiteral("files.txt")));
    if (!dir.isValid() || !list.open(QIODevice::WriteOnly)) {
        result.error = QStringLiteral("could not write the file list");
        return result;
    }
    list.write(files.join(QLatin1Char('\n')).toUtf8());
    list.close();
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("bench"), QStringLiteral("dicom-load-only"), list.fileName()});
    if (!child.waitForFinished(600000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        result.error = QStringLiteral("child load failed: %1").arg(QString::fromLocal8Bit(child.readAllStandardError()).trimmed());
        return result;
    }
    const QJsonObject o = QJsonDocument::fromJson(child.readAllStandardOutput()).object();
    result.peakMiB = o.value(QStringLiteral("peakRssKiB")).toDouble(-1024) / 1024.0;
    result.baselineMiB = o.value(QStringLiteral("baselineRssKiB")).toDouble(-1024) / 1024.0;
    result.ms = o.value(QStringLiteral("ms")).toDouble(-1);
    result.ok = result.peakMiB > 0;
    if (!result.ok) result.error = QStringLiteral("child printed no peak RSS");
    return result;
}

struct Dcm2niix {
    QString note;  // why it was not timed, or empty
    Timing timing;
};

Dcm2niix timeDcm2niix(const QString &folder, int runs) {
    Dcm2niix d;
    const QString program = QStandardPaths::findExecutable(QStringLiteral("dcm2niix"));
    if (program.isEmpty()) {
        d.note = QStringLiteral("dcm2niix not installed: not timed");
        return d;
    }
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QTemporaryDir out;
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QElapsedTimer timer;
        timer.start();
        process.start(program, {QStringLiteral("-o"), out.path(), QStringLiteral("-f"), QStringLiteral("out"),
                                QStringLiteral("-z"), QStringLiteral("n"), folder});
        const bool finished = process.waitForFinished(600000);
        const double elapsed = timer.nsecsElapsed() / 1e6;
        process.readAll();
        if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            d.note = QStringLiteral("dcm2niix failed (exit %1)").arg(process.exitCode());
            return d;
        }
        ms.push_back(elapsed);
    }
    d.timing = summarise(ms);
    return d;
}

QString range(const Timing &t) {
    return QStringLiteral("%1 (%2–%3)").arg(t.median, 0, 'f', 1).arg(t.min, 0, 'f', 1).arg(t.max, 0, 'f', 1);
}

}  // namespace

int BenchDicomCommand::runLoadOnly(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    if (arguments.size() != 2) return usageError(err, QStringLiteral("dicom-load-only needs LIST"));
    QFile list(arguments.at(1));
    if (!list.open(QIODevice::ReadOnly)) return failure(err, QStringLiteral("%1: cannot read").arg(list.fileName()));
    const QStringList files = QString::fromUtf8(list.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const double baseline = statusKiB("VmHWM");
    QElapsedTimer timer;
    timer.start();
    const auto loaded = dicom::SeriesVolumeLoader::loadSeries(files);
    const double ms = timer.nsecsElapsed() / 1e6;
    if (!loaded) return failure(err, loaded.error().message());
    out << QJsonDocument(QJsonObject{{QStringLiteral("peakRssKiB"), statusKiB("VmHWM")},
                                     {QStringLiteral("baselineRssKiB"), baseline},
                                     {QStringLiteral("ms"), ms},
                                     {QStringLiteral("voxels"), double(loaded.value().volume().voxels().size())}})
               .toJson(QJsonDocument::Compact)
        << '\n';
    return kExitOk;
}

int BenchDicomCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    if (!arguments.isEmpty() && arguments.first() == QStringLiteral("dicom-load-only")) return runLoadOnly(arguments, out, err);
    if (arguments.isEmpty() || arguments.first() != QStringLiteral("dicom")) return usageError(err, QStringLiteral("expected 'dicom'"));
    QString root;
    int runs = 5;
    bool json = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QStringLiteral("--json")) {
            json = true;
        } else if (argument == QStringLiteral("--runs")) {
            bool ok = false;
            runs = i + 1 < arguments.size() ? arguments.at(++i).toInt(&ok) : 0;
            if (!ok || runs < 1 || runs > 100) return usageError(err, QStringLiteral("--runs needs an integer in 1…100"));
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError(err, QStringLiteral("unknown option '%1'").arg(argument));
        } else if (root.isEmpty()) {
            root = argument;
        } else {
            return usageError(err, QStringLiteral("unexpected argument '%1'").arg(argument));
        }
    }
    if (root.isEmpty()) return usageError(err, QStringLiteral("missing DIR"));
    if (!QFileInfo(root).isDir()) return failure(err, QStringLiteral("%1: not a folder").arg(root));

    int dicomFiles = 0;
    const QList<FoundSeries> candidates = seriesBySize(root, dicomFiles);
    // The largest series that we load (hostile files, e.g. a claimed 46341 x 46341 image, are passed over).
    FoundSeries series;
    QStringList passedOver;
    for (const FoundSeries &candidate : candidates) {
        const auto examined = dicom::SeriesVolumeLoader::examine(candidate.files);
        if (examined && examined.value().selected() && candidate.voxels() <= dicom::SeriesLoadOptions{}.maxVoxels) {
            series = candidate;
            break;
        }
        passedOver << QStringLiteral("%1 (%2)").arg(candidate.uid,
                                                     examined ? QStringLiteral("no loadable volume") : examined.error().message());
    }
    if (series.files.isEmpty()) return failure(err, QStringLiteral("%1: no loadable image series found").arg(root));
    for (const QString &p : passedOver) err << "note: passed over series " << p << '\n';
    const QString folder = QFileInfo(series.files.first()).absolutePath();
    const std::string folderStd = QFile::encodeName(folder).toStdString();
    const std::string uidStd = series.uid.toStdString();

    // Our peak RSS first, in a fresh process (nothing of ITK's or of the timed runs in it).
    const ChildLoad child = measureInChild(series.files);

    // Warm the page cache (and both code paths) with one untimed read each, then check.
    std::size_t itkFiles = 0;
    Comparison comparison;
    QString loadError;
    try {
        auto warm = dicom::SeriesVolumeLoader::loadSeries(series.files);
        if (!warm) return failure(err, warm.error().message());
        const ItkImage::Pointer itkImage = loadWithItk(folderStd, uidStd, &itkFiles);
        comparison = compare(warm.value().volume(), itkImage.GetPointer());
    } catch (const itk::ExceptionObject &e) {
        return failure(err, QStringLiteral("ITK could not load the series: %1").arg(QString::fromLocal8Bit(e.GetDescription())));
    }

    bool loadFailed = false;
    const Timing ours = measure(runs, [&] {
        const auto loaded = dicom::SeriesVolumeLoader::loadSeries(series.files);
        if (!loaded) loadFailed = true;
    });
    Timing itkTiming;
    try {
        itkTiming = measure(runs, [&] { loadWithItk(folderStd, uidStd); });
    } catch (const itk::ExceptionObject &e) {
        return failure(err, QStringLiteral("ITK could not load the series: %1").arg(QString::fromLocal8Bit(e.GetDescription())));
    }
    if (loadFailed) return failure(err, QStringLiteral("a timed load failed"));
    const Dcm2niix dcm2niix = timeDcm2niix(folder, runs);

    const double voxelMiB = double(series.voxels()) * 2.0 / kMiB;
    const double rssGoal = 1.3 * voxelMiB + 100.0;
    const double ratio = itkTiming.median / ours.median;
    const bool fastEnough = ratio >= 3.0;
    const bool rssOk = child.ok && child.peakMiB <= rssGoal;
    const bool same = comparison.sameDimensions && comparison.maxSpacingDifference < 1e-3 && comparison.maxAbsDifference == 0;

    if (json) {
        out << QJsonDocument(QJsonObject{
                                 {QStringLiteral("folder"), folder},
                                 {QStringLiteral("seriesInstanceUid"), series.uid},
                                 {QStringLiteral("files"), int(series.files.size())},
                                 {QStringLiteral("itkFiles"), int(itkFiles)},
                                 {QStringLiteral("dimensions"), QStringLiteral("%1x%2x%3").arg(series.columns).arg(series.rows).arg(series.frames)},
                                 {QStringLiteral("voxels"), double(series.voxels())},
                                 {QStringLiteral("runs"), runs},
                                 {QStringLiteral("oursMs"), ours.median},
                                 {QStringLiteral("itkMs"), itkTiming.median},
                                 {QStringLiteral("ratio"), ratio},
                                 {QStringLiteral("dcm2niixMs"), dcm2niix.note.isEmpty() ? QJsonValue(dcm2niix.timing.median) : QJsonValue()},
                                 {QStringLiteral("peakRssMiB"), child.peakMiB},
                                 {QStringLiteral("baselineRssMiB"), child.baselineMiB},
                                 {QStringLiteral("rssGoalMiB"), rssGoal},
                                 {QStringLiteral("maxAbsDifference"), comparison.maxAbsDifference},
                                 {QStringLiteral("sameDimensions"), comparison.sameDimensions},
                                 {QStringLiteral("speedGoalMet"), fastEnough},
                                 {QStringLiteral("rssGoalMet"), rssOk}})
                   .toJson(QJsonDocument::Indented);
    } else {
        out << "DICOM series -> volume, " << runs << " runs after one untimed warm-up (warm page cache), median (min–max)\n";
        out << "Folder " << folder << " (" << dicomFiles << " DICOM files under " << root << ")\n";
        out << "Series " << series.uid << ": " << series.files.size() << " files, " << series.columns << " x " << series.rows
            << " x " << series.frames << " = " << series.voxels() << " voxels (" << QString::number(voxelMiB, 'f', 1)
            << " MiB int16); ITK found " << itkFiles << " files\n\n";
        out << QStringLiteral("| %1 | %2 |\n").arg(QStringLiteral("measure"), -34).arg(QStringLiteral("value"));
        out << "|------------------------------------|-------|\n";
        auto row = [&](const QString &what, const QString &value) { out << QStringLiteral("| %1 | %2 |\n").arg(what, -34).arg(value); };
        row(QStringLiteral("voxels"), QString::number(series.voxels()));
        row(QStringLiteral("ours ms (SeriesVolumeLoader)"), range(ours));
        row(QStringLiteral("ITK ms (GDCM series reader)"), range(itkTiming));
        row(QStringLiteral("ratio ITK/ours (goal >= 3)"), QStringLiteral("%1 %2").arg(ratio, 0, 'f', 2).arg(fastEnough ? "ok" : "FAIL"));
        row(QStringLiteral("dcm2niix ms (child process)"), dcm2niix.note.isEmpty() ? range(dcm2niix.timing) : dcm2niix.note);
        row(QStringLiteral("our peak RSS MiB (goal)"),
            child.ok ? QStringLiteral("%1 (goal <= %2: %3; process baseline %4)")
                           .arg(child.peakMiB, 0, 'f', 1).arg(rssGoal, 0, 'f', 1).arg(rssOk ? "ok" : "FAIL").arg(child.baselineMiB, 0, 'f', 1)
                     : child.error);
        row(QStringLiteral("ours vs ITK voxels"),
            comparison.sameDimensions ? QStringLiteral("max |diff| %1%2, spacing diff %3 mm")
                                            .arg(comparison.maxAbsDifference)
                                            .arg(comparison.reversedSlices ? QStringLiteral(" (ITK slice order reversed)") : QString())
                                            .arg(comparison.maxSpacingDifference, 0, 'g', 3)
                                      : QStringLiteral("dimensions differ"));
        out << "\nPeak RSS: VmHWM of a fresh `didymos-cli bench dicom-load-only` process loading the series once "
               "(whole process, CLI baseline included).\n";
    }
    if (!same) err << "note: ours and ITK differ (dimensions, spacing or voxels); see the table\n";
    if (!child.ok) err << "didymos-cli bench: error: " << child.error << '\n';
    return fastEnough && rssOk && child.ok ? kExitOk : kExitFailure;
}

}  // namespace twin::cli
