#include "twin/dicom/SeriesVolumeLoader.h"

#include "SeriesHeaderReader.h"
#include "SeriesOrganizer.h"
#include "SeriesPixelDecoder.h"

#include <QMap>
#include <QSet>

#include "twin/dicom/DicomCodecs.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <cmath>
#include <limits>
#include <optional>

namespace twin::dicom {

namespace {

using Severity = SeriesFinding::Severity;
using Kind = SeriesFinding::Kind;

/// Maps this step's progress (0..1) into [begin, end] of the job's progress.
struct ProgressSpan {
    core::JobContext *context = nullptr;
    double begin = 0.0, end = 1.0;
    void report(double fraction, const QString &stage) const {
        if (context) context->setProgress(begin + std::clamp(fraction, 0.0, 1.0) * (end - begin), stage);
    }
    bool cancelled() const { return context && context->isCancelled(); }
};

using series::makeFinding;

core::Result<SeriesExamination> examineFiles(const QStringList &files, const ProgressSpan &progress) {
    if (files.isEmpty()) return core::Error::invalidInput(QStringLiteral("no files given for the series"));
    // Headers are read on up to hardware_concurrency threads (files taken in turn); the results
    // are merged in the order of `files`, so frames, findings and the first error do not depend
    // on the threads. Progress and cancellation are handled on the calling thread only.
    using Read = decltype(series::readSeriesFrames(files.front()));
    std::vector<std::optional<Read>> reads(std::size_t(files.size()));
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    auto work = [&](bool reporter) {
        for (;;) {
            if (stop.load()) return;
            if (reporter && progress.cancelled()) {
                stop = true;
                return;
            }
            const std::size_t i = next.fetch_add(1);
            if (i >= reads.size()) return;
            reads[i].emplace(series::readSeriesFrames(files[qsizetype(i)]));
            const std::size_t finished = ++done;
            if (reporter) progress.report(double(finished) / double(files.size()), QStringLiteral("Reading headers"));
        }
    };
    DicomCodecs::registerDecodersOnce();  // DCMTK's one-time set-up before any thread reads
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t helpers = std::min<std::size_t>(std::min(hardware, 8u), reads.size()) - 1;
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < helpers; ++t) threads.emplace_back(work, false);
    work(true);
    for (std::thread &t : threads) t.join();
    if (progress.cancelled()) return core::Error::cancelled();

    QList<SeriesFrame> frames;
    SeriesFindings findings;
    std::optional<core::Error> firstError;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const Read &read = *reads[std::size_t(i)];
        if (read) {
            frames << read.value();
        } else {
            if (!firstError) firstError = read.error();
            findings << makeFinding(Severity::Error, Kind::UnreadableFile, read.error().message(), files[i]);
        }
    }
    progress.report(1.0, QStringLiteral("Reading headers"));
    if (frames.isEmpty()) return *firstError;
    QSet<QString> seriesUids;
    for (const SeriesFrame &f : frames) seriesUids << f.seriesInstanceUid;
    if (seriesUids.size() > 1)
        findings << makeFinding(Severity::Warning, Kind::Other,
                                QStringLiteral("the files belong to %1 different SeriesInstanceUIDs").arg(seriesUids.size()));
    return series::organiseFrames(frames, findings);
}

/// How stored int16 values map to real values for a whole loadable.
struct ValueMapping {
    double scale = 1.0, offset = 0.0;
    bool quantised = false;
    std::int16_t store(double real) const {
        const double s = std::round((real - offset) / scale);
        return static_cast<std::int16_t>(std::clamp(s, -32768.0, 32767.0));
    }
};

bool isInteger(double v) { return std::fabs(v - std::round(v)) < 1e-9; }

struct RawSlice {
    std::vector<std::int32_t> raw;
    double slope = 1.0, intercept = 0.0;
    double real(std::size_t i) const { return raw[i] * slope + intercept; }
};

ValueMapping chooseMapping(const std::vector<std::vector<RawSlice>> &slices) {
    double realMin = std::numeric_limits<double>::infinity(), realMax = -realMin;
    std::int64_t rawMin = std::numeric_limits<std::int64_t>::max(), rawMax = std::numeric_limits<std::int64_t>::min();
    bool integral = true, common = true;
    const RawSlice &first = slices.front().front();
    for (const auto &volume : slices)
        for (const RawSlice &s : volume) {
            integral = integral && isInteger(s.slope) && isInteger(s.intercept);
            common = common && s.slope == first.slope && s.intercept == first.intercept;
            if (s.raw.empty()) continue;
            const auto [lo, hi] = std::minmax_element(s.raw.begin(), s.raw.end());
            rawMin = std::min<std::int64_t>(rawMin, *lo);
            rawMax = std::max<std::int64_t>(rawMax, *hi);
            const double a = *lo * s.slope + s.intercept, b = *hi * s.slope + s.intercept;
            realMin = std::min({realMin, a, b});
            realMax = std::max({realMax, a, b});
        }
    ValueMapping mapping;
    if (!std::isfinite(realMin)) return mapping;
    if (integral && realMax - realMin <= 65535.0) {
        // Exact integers: stored = real, or real shifted into int16.
        if (realMin < -32768.0 || realMax > 32767.0) mapping.offset = realMin + 32768.0;
        return mapping;
    }
    if (common && rawMax - rawMin <= 65535) {
        // One slope/intercept for every slice: store the raw values (shifted), exact.
        const std::int64_t shift = (rawMin < -32768 || rawMax > 32767) ? rawMin + 32768 : 0;
        mapping.scale = first.slope;
        mapping.offset = first.intercept + first.slope * double(shift);
        return mapping;
    }
    mapping.quantised = true;
    mapping.scale = realMax > realMin ? (realMax - realMin) / 65535.0 : 1.0;
    mapping.offset = realMin + 32768.0 * mapping.scale;
    return mapping;
}

double norm(const std::array<double, 3> &v) { return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

struct Target { std::size_t volume, slice; };
using FileTargets = QMap<QString, QMap<int, QList<Target>>>;

enum class DirectResult { Done, Cancelled, NotApplicable };

/// Fast path: every frame's RescaleSlope/Intercept are integers and every rescaled value fits
/// int16, so chooseMapping() would pick the identity mapping. Frames are decoded straight into
/// the volumes (no per-slice int32 copies), files on up to hardware_concurrency threads. Anything
/// unexpected (a decode error, a value outside int16) gives NotApplicable and the caller takes the
/// general path, which reports it as before.
DirectResult decodeDirect(const SeriesLoadable &loadable, const FileTargets &byFile, std::size_t pixels,
                          std::vector<core::ScalarVolume> &volumes, const ProgressSpan &progress) {
    struct Job {
        QString file;
        const QMap<int, QList<Target>> *targets;
    };
    std::vector<Job> jobs;
    for (auto file = byFile.cbegin(); file != byFile.cend(); ++file) jobs.push_back({file.key(), &file.value()});
    DicomCodecs::registerDecodersOnce();
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false}, failed{false}, cancelled{false};
    const double total = double(loadable.volumes.size() * loadable.volumes.front().size());
    auto work = [&](bool reporter) {
        for (;;) {
            if (stop.load()) return;
            if (reporter && progress.cancelled()) {
                cancelled = true;
                stop = true;
                return;
            }
            const std::size_t j = next.fetch_add(1);
            if (j >= jobs.size()) return;
            const Job &job = jobs[j];
            std::vector<int> frames(job.targets->keyBegin(), job.targets->keyEnd());
            const auto status = series::decodeFrames(job.file, frames, [&](int frame, const std::int32_t *data, std::size_t count) {
                if (count != pixels || stop.load()) return false;
                if (reporter && progress.cancelled()) {  // per frame too: a multi-frame file is one job
                    cancelled = true;
                    stop = true;
                    return false;
                }
                for (const Target &t : job.targets->value(frame)) {
                    const SeriesFrame &f = loadable.frames[loadable.volumes[t.volume][t.slice]];
                    const std::int32_t slope = std::int32_t(f.rescaleSlope), intercept = std::int32_t(f.rescaleIntercept);
                    std::int16_t *out = volumes[t.volume].slice(int(t.slice));
                    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
                    for (std::size_t i = 0; i < count; ++i) {
                        const std::int64_t v = std::int64_t(data[i]) * slope + intercept;
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                        out[i] = static_cast<std::int16_t>(v);
                    }
                    if (lo < -32768 || hi > 32767) return false;
                    ++done;
                }
                if (reporter) progress.report(0.9 * double(done.load()) / total, QStringLiteral("Loading slices"));
                return true;
            });
            if (!status) {
                failed = true;
                stop = true;
                return;
            }
        }
    };
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t helpers = std::min<std::size_t>(std::min(hardware, 8u), jobs.size()) - 1;
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < helpers; ++i) threads.emplace_back(work, false);
    work(true);
    for (std::thread &t : threads) t.join();
    if (cancelled || progress.cancelled()) return DirectResult::Cancelled;
    if (failed || done.load() != std::size_t(total)) return DirectResult::NotApplicable;
    return DirectResult::Done;
}

/// Whether decodeDirect() may be tried: integer slope/intercept of a size that cannot overflow.
bool directCandidate(const SeriesLoadable &loadable) {
    for (const auto &volume : loadable.volumes)
        for (const int index : volume) {
            const SeriesFrame &f = loadable.frames[index];
            if (!isInteger(f.rescaleSlope) || !isInteger(f.rescaleIntercept) || std::fabs(f.rescaleSlope) > 1.0 ||
                std::fabs(f.rescaleIntercept) > 32768.0)
                return false;
        }
    return true;
}

core::Result<LoadedSeriesVolume> loadLoadable(const SeriesLoadable &loadable, const SeriesLoadOptions &options,
                                              const ProgressSpan &progress);

}  // namespace

core::Result<SeriesExamination> SeriesVolumeLoader::examine(const QStringList &files, core::JobContext *context) {
    return examineFiles(files, {context, 0.0, 1.0});
}

core::Result<LoadedSeriesVolume> SeriesVolumeLoader::loadSeries(const QStringList &files, const SeriesLoadOptions &options,
                                                               core::JobContext *context) {
    auto examination = examineFiles(files, {context, 0.0, 0.1});
    if (!examination) return examination.error();
    const SeriesLoadable *selected = examination.value().selected();
    if (!selected) {
        QStringList why;
        for (const SeriesFinding &f : examination.value().findings) why << f.text;
        return core::Error::invalidInput(QStringLiteral("no volume in the series: %1").arg(why.join(QStringLiteral("; "))))
            .inFile(files.front());
    }
    auto loaded = loadLoadable(*selected, options, {context, 0.1, 1.0});
    if (!loaded) return loaded.error();
    LoadedSeriesVolume result = std::move(loaded).value();
    result.findings = examination.value().findings + result.findings;
    if (context) context->setProgress(1.0, QStringLiteral("Loaded"));
    return result;
}

core::Result<LoadedSeriesVolume> SeriesVolumeLoader::load(const SeriesLoadable &loadable, const SeriesLoadOptions &options,
                                                         core::JobContext *context) {
    return loadLoadable(loadable, options, {context, 0.0, 1.0});
}

namespace {

core::Result<LoadedSeriesVolume> loadLoadable(const SeriesLoadable &loadable, const SeriesLoadOptions &options,
                                              const ProgressSpan &progress) {
    if (loadable.volumes.empty() || loadable.volumes.front().empty() || loadable.frames.isEmpty())
        return core::Error::invalidInput(QStringLiteral("the loadable holds no slices"));
    const std::size_t slices = loadable.volumes.front().size();
    for (const auto &volume : loadable.volumes)
        if (volume.size() != slices) return core::Error::internal(QStringLiteral("4D volumes differ in slice count"));
    const SeriesFrame &reference = loadable.frames[loadable.volumes.front().front()];
    const std::size_t pixels = std::size_t(reference.rows) * std::size_t(reference.columns);
    const long double voxels = (long double)pixels * slices * loadable.volumes.size();
    if (voxels > (long double)options.maxVoxels)
        return core::Error::invalidInput(QStringLiteral("%1 x %2 x %3 x %4 voxels exceed the limit of %5")
                                             .arg(reference.columns).arg(reference.rows).arg(slices)
                                             .arg(loadable.volumes.size()).arg(options.maxVoxels))
            .inFile(reference.file);

    // Decode file by file; slices are allocated only once their data has been decoded.
    FileTargets byFile;
    for (std::size_t v = 0; v < loadable.volumes.size(); ++v)
        for (std::size_t k = 0; k < slices; ++k) {
            const SeriesFrame &f = loadable.frames[loadable.volumes[v][k]];
            byFile[f.file][f.frameIndex] << Target{v, k};
        }
    LoadedSeriesVolume result;
    result.name = loadable.name;
    result.modality = reference.modality;
    result.seriesInstanceUid = reference.seriesInstanceUid;
    result.studyInstanceUid = reference.studyInstanceUid;
    result.frameOfReferenceUid = reference.frameOfReferenceUid;
    for (const int index : loadable.volumes.front()) result.sliceSopInstanceUids << loadable.frames[index].sopInstanceUid;
    result.volumeLabel = loadable.volumeLabel;
    result.findings = loadable.findings;

    // Geometry from the sorted first volume.
    const std::vector<int> &stack = loadable.volumes.front();
    const SeriesFrame &first = loadable.frames[stack.front()], &last = loadable.frames[stack.back()];
    core::VolumeGeometry geometry = loadable.acquiredGeometry();  // one definition, shared with `dicom scan`
    std::array<double, 3> span{};
    for (int a = 0; a < 3; ++a) span[a] = last.imagePositionMm[a] - first.imagePositionMm[a];
    const bool positioned = first.hasPosition && slices > 1 && norm(span) > 1e-6;

    // Output slices: the acquired ones, or a uniform resampling across the gaps.
    std::vector<double> positions = series::positionsAlongNormal(loadable, stack);
    const bool irregular = std::any_of(loadable.findings.begin(), loadable.findings.end(), [](const SeriesFinding &f) {
        return f.kind == Kind::MissingSlices || f.kind == Kind::NonUniformSpacing;
    });
    std::size_t outSlices = slices;
    std::optional<SeriesFinding> resampled;
    if (positioned && irregular && options.resampleToUniformSpacing) {
        const double typical = series::typicalSpacing(positions);
        const double length = positions.back() - positions.front();
        outSlices = std::size_t(std::max<long>(2, std::lround(length / typical) + 1));
        geometry.dimensions[2] = int(outSlices);
        geometry.spacingMm[2] = norm(span) / double(outSlices - 1);
        resampled = makeFinding(Severity::Info, Kind::ResampledToUniformSpacing,
                                QStringLiteral("resampled from %1 acquired slices to %2 slices %3 mm apart "
                                               "(linear interpolation along the slice axis)")
                                    .arg(slices).arg(outSlices).arg(geometry.spacingMm[2], 0, 'g', 6));
        if ((long double)pixels * outSlices * loadable.volumes.size() > (long double)options.maxVoxels)
            return core::Error::invalidInput(QStringLiteral("resampled volume exceeds the voxel limit")).inFile(reference.file);
    }

    if (outSlices == slices && directCandidate(loadable)) {
        std::vector<core::ScalarVolume> volumes;
        volumes.reserve(loadable.volumes.size());
        for (std::size_t v = 0; v < loadable.volumes.size(); ++v) volumes.emplace_back(geometry);
        const DirectResult direct = decodeDirect(loadable, byFile, pixels, volumes, progress);
        if (direct == DirectResult::Cancelled) return core::Error::cancelled();
        if (direct == DirectResult::Done) {
            if (resampled) result.findings << *resampled;
            result.volumes = std::move(volumes);
            progress.report(1.0, QStringLiteral("Loaded"));
            return result;
        }
    }
    // General path: every slice decoded to int32 stored values first, then the value mapping
    // chosen over all of them (decodeDirect() covers the common identity-mapping case).
    std::vector<std::vector<RawSlice>> raw;
    auto decodeRaw = [&]() -> core::Status {
        raw.assign(loadable.volumes.size(), std::vector<RawSlice>(slices));
        const double total = double(slices * loadable.volumes.size());
        std::size_t done = 0;
        for (auto file = byFile.cbegin(); file != byFile.cend(); ++file) {
            if (progress.cancelled()) return core::Error::cancelled();
            std::vector<int> frames(file.value().keyBegin(), file.value().keyEnd());
            const auto status = series::decodeFrames(file.key(), frames, [&](int frame, const std::int32_t *data, std::size_t count) {
                if (count != pixels) return false;
                for (const Target &t : file.value().value(frame)) {
                    const SeriesFrame &f = loadable.frames[loadable.volumes[t.volume][t.slice]];
                    RawSlice &slice = raw[t.volume][t.slice];
                    slice.raw.assign(data, data + count);
                    slice.slope = f.rescaleSlope;
                    slice.intercept = f.rescaleIntercept;
                    ++done;
                }
                progress.report(0.9 * done / total, QStringLiteral("Loading slices"));
                return !progress.cancelled();
            });
            if (!status) {
                if (progress.cancelled()) return core::Error::cancelled();
                return status.error();
            }
        }
        for (const auto &volume : raw)
            for (const RawSlice &s : volume)
                if (s.raw.size() != pixels) return core::Error::internal(QStringLiteral("a slice was not decoded")).inFile(reference.file);
        return {};
    };
    if (const auto decoded = decodeRaw(); !decoded) return decoded.error();
    const ValueMapping mapping = chooseMapping(raw);
    if (mapping.quantised)
        result.findings << makeFinding(Severity::Warning, Kind::ValuesQuantised,
                                       QStringLiteral("slices have different RescaleSlope/Intercept and fractional values "
                                                      "(first %1): stored as 16-bit with scale %2, offset %3 (error at most %4)")
                                           .arg(reference.describe()).arg(mapping.scale, 0, 'g', 6).arg(mapping.offset, 0, 'g', 8)
                                           .arg(mapping.scale / 2, 0, 'g', 3),
                                       reference.file);

    if (resampled) result.findings << *resampled;

    for (std::size_t v = 0; v < raw.size(); ++v) {
        core::ScalarVolume volume(geometry);
        volume.setValueMapping(mapping.scale, mapping.offset);
        for (std::size_t k = 0; k < outSlices; ++k) {
            std::int16_t *out = volume.slice(int(k));
            if (outSlices == slices) {
                const RawSlice &s = raw[v][k];
                for (std::size_t i = 0; i < pixels; ++i) out[i] = mapping.store(s.real(i));
                continue;
            }
            const double q = positions.front() + (positions.back() - positions.front()) * double(k) / double(outSlices - 1);
            std::size_t upper = std::size_t(std::upper_bound(positions.begin(), positions.end(), q) - positions.begin());
            upper = std::clamp<std::size_t>(upper, 1, slices - 1);
            const std::size_t lower = upper - 1;
            const double width = positions[upper] - positions[lower];
            const double t = width > 0 ? std::clamp((q - positions[lower]) / width, 0.0, 1.0) : 0.0;
            const RawSlice &a = raw[v][lower], &b = raw[v][upper];
            for (std::size_t i = 0; i < pixels; ++i) out[i] = mapping.store((1.0 - t) * a.real(i) + t * b.real(i));
        }
        result.volumes.push_back(std::move(volume));
        raw[v].clear();  // release as we go
        raw[v].shrink_to_fit();
    }
    progress.report(1.0, QStringLiteral("Loaded"));
    return result;
}

}  // namespace

}  // namespace twin::dicom
