#include "SeriesOrganizer.h"

#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

namespace twin::dicom::series {

namespace {

using Severity = SeriesFinding::Severity;
using Kind = SeriesFinding::Kind;

QString mm(double value) { return QString::number(value, 'g', 6); }

QString orientationText(const SeriesFrame &f) {
    QStringList parts;
    for (double v : f.imageOrientation) parts << QString::number(v, 'f', 3);
    return parts.join(QLatin1Char('\\'));
}

/// Key of a homogeneous stack: size, orientation and pixel spacing, rounded.
QString stackKey(const SeriesFrame &f) {
    QStringList parts{QString::number(f.columns), QString::number(f.rows)};
    for (double v : f.imageOrientation) parts << QString::number(std::round(v * 1000.0) / 1000.0 + 0.0, 'f', 3);
    parts << QString::number(f.pixelSpacingMm[0], 'f', 3) << QString::number(f.pixelSpacingMm[1], 'f', 3);
    return parts.join(QLatin1Char('|'));
}

bool isLocalizer(const SeriesFrame &f) { return f.imageType.contains(QStringLiteral("LOCALIZER")); }

bool sameOrientation(const SeriesFrame &a, const SeriesFrame &b) {
    for (int i = 0; i < 6; ++i)
        if (std::fabs(a.imageOrientation[i] - b.imageOrientation[i]) > 1e-3) return false;
    return true;
}


/// Splits frames sharing a position into volumes by the first attribute that tells them apart.
struct FourDSplit {
    std::vector<std::vector<int>> volumes;
    QString label;
    SeriesFindings findings;
};

FourDSplit splitByPosition(const QList<SeriesFrame> &frames, std::vector<int> sorted) {
    FourDSplit split;
    // Cluster by position along the normal.
    std::vector<std::vector<int>> clusters;
    for (int index : sorted) {
        const double p = frames[index].positionAlongNormal();
        if (!clusters.empty() && std::fabs(frames[clusters.back().front()].positionAlongNormal() - p) < kSamePositionMm)
            clusters.back().push_back(index);
        else
            clusters.push_back({index});
    }
    const bool duplicates = std::any_of(clusters.begin(), clusters.end(), [](const auto &c) { return c.size() > 1; });
    if (!duplicates) {
        split.volumes.push_back(std::move(sorted));
        return split;
    }
    struct Key {
        QString label;
        std::function<double(const SeriesFrame &)> value;
    };
    const std::vector<Key> keys{
        {QStringLiteral("temporal position"), [](const SeriesFrame &f) { return double(f.temporalPosition); }},
        {QStringLiteral("echo"), [](const SeriesFrame &f) { return f.echoTimeMs * 1000.0 + f.echoNumber; }},
        {QStringLiteral("trigger time"), [](const SeriesFrame &f) { return f.triggerTimeMs; }},
        {QStringLiteral("acquisition"), [](const SeriesFrame &f) { return double(f.acquisitionNumber); }},
    };
    for (const Key &key : keys) {
        // The key must take the same set of distinct values at every position.
        std::vector<double> reference;
        bool usable = true;
        for (const auto &cluster : clusters) {
            std::vector<double> values;
            for (int index : cluster) values.push_back(key.value(frames[index]));
            std::sort(values.begin(), values.end());
            if (std::adjacent_find(values.begin(), values.end()) != values.end()) { usable = false; break; }
            if (reference.empty()) reference = values;
            else if (values != reference) { usable = false; break; }
        }
        if (!usable || reference.size() < 2) continue;
        split.label = key.label;
        split.volumes.assign(reference.size(), {});
        for (const auto &cluster : clusters)
            for (int index : cluster) {
                const auto at = std::lower_bound(reference.begin(), reference.end(), key.value(frames[index]));
                split.volumes[static_cast<std::size_t>(at - reference.begin())].push_back(index);
            }
        split.findings << makeFinding(Severity::Info, Kind::MultipleVolumes,
                                  QStringLiteral("%1 volumes of %2 slices, one per %3: loaded as 4D")
                                      .arg(reference.size()).arg(clusters.size()).arg(key.label));
        return split;
    }
    // Nothing tells them apart: keep the first (lowest InstanceNumber) at each position.
    std::vector<int> kept;
    for (auto cluster : clusters) {
        std::stable_sort(cluster.begin(), cluster.end(), [&](int a, int b) {
            return frames[a].instanceNumber < frames[b].instanceNumber;
        });
        kept.push_back(cluster.front());
        for (std::size_t i = 1; i < cluster.size(); ++i) {
            split.findings << makeFinding(Severity::Warning, Kind::DuplicatePosition,
                                      QStringLiteral("%1 lies at the same position (%2 mm along the normal) as %3 and "
                                                     "nothing (temporal position, echo, acquisition) tells them apart: "
                                                     "left out")
                                          .arg(frames[cluster[i]].describe(), mm(frames[cluster[i]].positionAlongNormal()),
                                               frames[cluster.front()].describe()),
                                      frames[cluster[i]].file);
        }
    }
    split.volumes.push_back(std::move(kept));
    return split;
}

/// Gaps, uneven spacing and gantry tilt of one sorted stack.
SeriesFindings geometryFindings(const QList<SeriesFrame> &frames, const std::vector<int> &stack) {
    SeriesFindings findings;
    if (stack.size() < 2) return findings;
    std::vector<double> positions;
    for (int index : stack) positions.push_back(frames[index].positionAlongNormal());
    const double spacing = typicalSpacing(positions);
    if (spacing <= 0) return findings;
    const double tolerance = std::max(0.01, 0.01 * spacing);
    QStringList uneven;
    double smallest = spacing, largest = spacing;
    for (std::size_t i = 0; i + 1 < positions.size(); ++i) {
        const double step = positions[i + 1] - positions[i];
        const SeriesFrame &a = frames[stack[i]], &b = frames[stack[i + 1]];
        if (step > 1.5 * spacing) {
            const int missing = static_cast<int>(std::lround(step / spacing)) - 1;
            findings << makeFinding(Severity::Warning, Kind::MissingSlices,
                                QStringLiteral("%1 slice(s) missing between %2 mm and %3 mm along the normal "
                                               "(gap %4 mm, spacing %5 mm), after %6 and before %7")
                                    .arg(std::max(missing, 1)).arg(mm(positions[i]), mm(positions[i + 1]), mm(step),
                                                                   mm(spacing), a.describe(), b.describe()),
                                a.file);
        } else if (std::fabs(step - spacing) > tolerance) {
            uneven << QStringLiteral("%1 mm between %2 mm and %3 mm").arg(mm(step), mm(positions[i]), mm(positions[i + 1]));
            smallest = std::min(smallest, step);
            largest = std::max(largest, step);
        }
    }
    if (!uneven.isEmpty()) {
        findings << makeFinding(Severity::Warning, Kind::NonUniformSpacing,
                            QStringLiteral("slice spacing varies from %1 to %2 mm (typical %3 mm): %4")
                                .arg(mm(smallest), mm(largest), mm(spacing), uneven.join(QStringLiteral("; "))));
    }
    // Gantry tilt: the line through the slice positions is not along the normal.
    const SeriesFrame &first = frames[stack.front()], &last = frames[stack.back()];
    std::array<double, 3> step{};
    double length = 0;
    for (int a = 0; a < 3; ++a) {
        step[a] = last.imagePositionMm[a] - first.imagePositionMm[a];
        length += step[a] * step[a];
    }
    length = std::sqrt(length);
    if (length > 0) {
        const auto n = first.normal();
        const double cosine = std::fabs(step[0] * n[0] + step[1] * n[1] + step[2] * n[2]) / length;
        const double degrees = std::acos(std::min(1.0, cosine)) * 180.0 / std::numbers::pi;
        if (degrees > 0.05) {
            findings << makeFinding(Severity::Warning, Kind::GantryTilt,
                                QStringLiteral("gantry tilt: slices are stacked %1 degrees off their normal (from %2 to "
                                               "%3); the volume keeps the true, non-orthogonal slice direction")
                                    .arg(QString::number(degrees, 'f', 2), first.describe(), last.describe()),
                                first.file);
        }
    }
    return findings;
}

}  // namespace

double typicalSpacing(const std::vector<double> &positions) {
    std::vector<double> steps;
    for (std::size_t i = 0; i + 1 < positions.size(); ++i) steps.push_back(positions[i + 1] - positions[i]);
    if (steps.empty()) return 0.0;
    std::nth_element(steps.begin(), steps.begin() + static_cast<long>(steps.size() / 2), steps.end());
    return steps[steps.size() / 2];
}

std::vector<double> positionsAlongNormal(const SeriesLoadable &loadable, const std::vector<int> &stack) {
    std::vector<double> positions;
    for (int index : stack) positions.push_back(loadable.frames[index].positionAlongNormal());
    return positions;
}

SeriesExamination organiseFrames(const QList<SeriesFrame> &input, SeriesFindings seriesFindings) {
    SeriesExamination examination;
    QList<SeriesFrame> frames;
    for (const SeriesFrame &f : input) {
        if (isLocalizer(f)) {
            seriesFindings << makeFinding(Severity::Info, Kind::LocalizerExcluded,
                                      QStringLiteral("%1 is a localizer (ImageType %2): left out of the volume")
                                          .arg(f.describe(), f.imageType.join(QLatin1Char('\\'))),
                                      f.file);
        } else {
            frames << f;
        }
    }
    // Homogeneous stacks, largest first.
    QMap<QString, QList<SeriesFrame>> byKey;
    for (const SeriesFrame &f : frames) byKey[stackKey(f)] << f;
    QList<QList<SeriesFrame>> stacks = byKey.values();
    std::stable_sort(stacks.begin(), stacks.end(), [](const auto &a, const auto &b) { return a.size() > b.size(); });

    if (stacks.size() > 1) {
        // A single slice whose orientation differs from the main stack is a localizer.
        const SeriesFrame &main = stacks.front().front();
        for (auto it = stacks.begin() + 1; it != stacks.end();) {
            if (it->size() == 1 && !sameOrientation(it->front(), main)) {
                seriesFindings << makeFinding(Severity::Info, Kind::LocalizerExcluded,
                                          QStringLiteral("%1 is a single slice with another orientation (%2, the series "
                                                         "has %3): taken for a localizer and left out")
                                              .arg(it->front().describe(), orientationText(it->front()), orientationText(main)),
                                          it->front().file);
                it = stacks.erase(it);
            } else {
                ++it;
            }
        }
    }
    if (stacks.size() > 1) {
        QSet<QString> orientations, sizes;
        QStringList parts;
        for (const auto &stack : stacks) {
            orientations << orientationText(stack.front());
            sizes << QStringLiteral("%1x%2").arg(stack.front().columns).arg(stack.front().rows);
            parts << QStringLiteral("%1 frame(s) %2x%3 oriented %4 (first %5)")
                         .arg(stack.size()).arg(stack.front().columns).arg(stack.front().rows)
                         .arg(orientationText(stack.front()), stack.front().describe());
        }
        if (orientations.size() > 1)
            seriesFindings << makeFinding(Severity::Warning, Kind::MixedOrientation,
                                      QStringLiteral("series mixes %1 orientations, split into %2 volumes: %3")
                                          .arg(orientations.size()).arg(stacks.size()).arg(parts.join(QStringLiteral("; "))));
        if (sizes.size() > 1)
            seriesFindings << makeFinding(Severity::Warning, Kind::MixedImageSize,
                                      QStringLiteral("series mixes image sizes (Rows/Columns) %1, split into %2 volumes: %3")
                                          .arg(QStringList(sizes.values()).join(QStringLiteral(", "))).arg(stacks.size())
                                          .arg(parts.join(QStringLiteral("; "))));
        if (orientations.size() == 1 && sizes.size() == 1)
            seriesFindings << makeFinding(Severity::Warning, Kind::Other,
                                      QStringLiteral("series mixes pixel spacings, split into %1 volumes: %2")
                                          .arg(stacks.size()).arg(parts.join(QStringLiteral("; "))));
    }

    const double total = std::max<qsizetype>(1, frames.size());
    for (const auto &stack : stacks) {
        SeriesLoadable loadable;
        loadable.frames = stack;
        std::vector<int> sorted(static_cast<std::size_t>(stack.size()));
        for (int i = 0; i < stack.size(); ++i) sorted[static_cast<std::size_t>(i)] = i;
        const bool positioned = std::all_of(stack.begin(), stack.end(), [](const SeriesFrame &f) { return f.hasPosition; });
        double confidence = stack.size() / total;
        QStringList reasons;
        if (positioned) {
            std::stable_sort(sorted.begin(), sorted.end(), [&](int a, int b) {
                return stack[a].positionAlongNormal() < stack[b].positionAlongNormal();
            });
            reasons << QStringLiteral("sorted by ImagePositionPatient along the slice normal");
        } else {
            // No positions: file order and frame order are all we have.
            loadable.findings << makeFinding(Severity::Warning, Kind::MissingGeometry,
                                         QStringLiteral("%1 has no ImagePositionPatient%2: slices stacked in file and "
                                                        "frame order at %3 mm, geometry not trustworthy")
                                             .arg(stack.front().describe(),
                                                  stack.front().hasOrientation ? QString() : QStringLiteral("/ImageOrientationPatient"),
                                                  mm(stack.front().sliceThicknessMm > 0 ? stack.front().sliceThicknessMm : 1.0)),
                                         stack.front().file);
            confidence *= 0.3;
            reasons << QStringLiteral("no slice positions");
        }
        if (positioned && !stack.front().hasOrientation) {
            loadable.findings << makeFinding(Severity::Warning, Kind::MissingGeometry,
                                         QStringLiteral("%1 has no valid ImageOrientationPatient: axial assumed")
                                             .arg(stack.front().describe()),
                                         stack.front().file);
            confidence *= 0.5;
        }
        FourDSplit split = positioned ? splitByPosition(stack, sorted) : FourDSplit{{sorted}, {}, {}};
        loadable.volumes = std::move(split.volumes);
        loadable.volumeLabel = split.label;
        loadable.findings << split.findings;
        if (positioned) loadable.findings << geometryFindings(stack, loadable.volumes.front());
        for (const SeriesFinding &f : loadable.findings)
            if (f.severity == Severity::Warning && f.kind != Kind::MissingGeometry) {
                confidence *= 0.8;
                reasons << f.text.section(QLatin1Char(':'), 0, 0);
            }
        const SeriesFrame &first = stack.front();
        loadable.name = QStringLiteral("%1 %2x%3x%4").arg(first.modality.isEmpty() ? QStringLiteral("image") : first.modality)
                            .arg(first.columns).arg(first.rows).arg(loadable.sliceCount());
        if (loadable.isFourD())
            loadable.name += QStringLiteral(", %1 volumes by %2").arg(loadable.volumes.size()).arg(loadable.volumeLabel);
        loadable.confidence = std::clamp(confidence, 0.01, 1.0);
        reasons.prepend(stacks.size() > 1 ? QStringLiteral("%1 of %2 frames share this size and orientation")
                                                .arg(stack.size()).arg(frames.size())
                                          : QStringLiteral("all %1 frames share size and orientation").arg(stack.size()));
        loadable.reason = reasons.join(QStringLiteral("; "));
        examination.loadables << loadable;
    }
    std::stable_sort(examination.loadables.begin(), examination.loadables.end(),
                     [](const SeriesLoadable &a, const SeriesLoadable &b) { return a.confidence > b.confidence; });
    if (!examination.loadables.isEmpty()) examination.loadables.front().selected = true;
    examination.findings = std::move(seriesFindings);
    return examination;
}

SeriesFinding makeFinding(SeriesFinding::Severity severity, SeriesFinding::Kind kind, QString text, QString file) {
    SeriesFinding f;
    f.severity = severity;
    f.kind = kind;
    f.text = std::move(text);
    f.file = std::move(file);
    return f;
}

}  // namespace twin::dicom::series
