#include "twin/imaging/Segmentation.h"

#include "SegmentationCommands.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace twin::imaging {

namespace {

bool sameGrid(const core::VolumeGeometry &a, const core::VolumeGeometry &b) {
    if (a.dimensions != b.dimensions) return false;
    for (int axis = 0; axis < 3; ++axis) {
        if (std::abs(a.spacingMm[axis] - b.spacingMm[axis]) > 1e-3 || std::abs(a.originMm[axis] - b.originMm[axis]) > 1e-2) return false;
        if (std::abs(a.rowDirection[axis] - b.rowDirection[axis]) > 1e-4 ||
            std::abs(a.columnDirection[axis] - b.columnDirection[axis]) > 1e-4 ||
            std::abs(a.sliceDirection[axis] - b.sliceDirection[axis]) > 1e-4)
            return false;
    }
    return true;
}

}  // namespace

Segmentation::Segmentation(const core::VolumeGeometry &reference, QObject *parent)
    : QObject(parent), labels_(reference, 0) {}

core::Status Segmentation::importStructures(const QList<core::LabelMap> &structures) {
    struct Entry {
        const core::LabelMap *map;
        std::size_t voxels;
    };
    std::vector<Entry> entries;
    for (const core::LabelMap &structure : structures) {
        const QString name = structure.labels.isEmpty() ? QStringLiteral("(unnamed)") : structure.labels.front().name;
        if (!sameGrid(structure.volume.geometry(), labels_.geometry())) {
            return core::Error::invalidInput(
                       QStringLiteral("structure \"%1\" is not on the reference image's grid").arg(name))
                .atField(name);
        }
        entries.push_back({&structure, structure.count(1)});
    }
    // Largest first, so a smaller structure inside a larger one is painted last and stays.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.voxels > b.voxels; });
    for (const Entry &entry : entries) {
        Segment segment;
        segment.value = 1;
        while (this->segment(segment.value)) ++segment.value;
        if (!entry.map->labels.isEmpty()) {
            const core::LabelInfo &info = entry.map->labels.front();
            segment.name = info.name;
            segment.rgb = info.rgb;
            segment.type = info.type;
        }
        const auto &source = entry.map->volume.voxels();
        auto &target = labels_.voxels();
        for (std::size_t v = 0; v < source.size(); ++v)
            if (source[v] == 1) target[v] = static_cast<std::int16_t>(segment.value);
        segments_.push_back(segment);
    }
    emit segmentsChanged();
    IndexBox all;
    all.include(0, 0, 0);
    all.include(labels_.dimension(0) - 1, labels_.dimension(1) - 1, labels_.dimension(2) - 1);
    QList<int> values;
    for (const Segment &s : segments_) values.push_back(s.value);
    emit labelsChanged(values, all);
    return {};
}

const Segment *Segmentation::segment(int value) const {
    for (const Segment &s : segments_)
        if (s.value == value) return &s;
    return nullptr;
}

Segment *Segmentation::findSegment(int value) {
    for (Segment &s : segments_)
        if (s.value == value) return &s;
    return nullptr;
}

int Segmentation::addSegment(const QString &name, const std::array<int, 3> &rgb) {
    Segment segment;
    segment.value = 1;
    while (this->segment(segment.value)) ++segment.value;
    segment.name = name;
    segment.rgb = rgb;
    undoStack_.push(std::make_unique<AddSegmentCommand>(*this, segment).release());  // the stack owns it
    return segment.value;
}

void Segmentation::removeSegment(int value) {
    const Segment *existing = segment(value);
    if (!existing) return;
    VolumeMask all(labels_.voxels().size(), 1);
    LabelmapDelta clear = LabelmapDelta::fromMask(labels_, all, static_cast<std::int16_t>(value), PaintMode::Erase);
    undoStack_.push(std::make_unique<RemoveSegmentCommand>(*this, *existing, std::move(clear)).release());
}

void Segmentation::renameSegment(int value, const QString &name) {
    const Segment *existing = segment(value);
    if (!existing || existing->name == name) return;
    undoStack_.push(std::make_unique<RenameSegmentCommand>(*this, value, existing->name, name).release());
}

void Segmentation::setVisible(int value, bool visible) {
    if (Segment *s = findSegment(value); s && s->visible != visible) {
        s->visible = visible;
        emit displayChanged(value);
    }
}

void Segmentation::setOpacity(int value, double opacity) {
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (Segment *s = findSegment(value); s && s->opacity != opacity) {
        s->opacity = opacity;
        emit displayChanged(value);
    }
}

bool Segmentation::edit(const QString &description, const VolumeMask &mask, int value, PaintMode mode, const IndexBox &within) {
    if (!segment(value) || value <= 0 || value > INT16_MAX) return false;
    LabelmapDelta delta = LabelmapDelta::fromMask(labels_, mask, static_cast<std::int16_t>(value), mode, within);
    if (delta.isEmpty()) return false;
    undoStack_.push(std::make_unique<LabelEditCommand>(*this, std::move(delta), description).release());
    return true;
}

bool Segmentation::replace(const QString &description, const std::vector<std::int16_t> &edited) {
    LabelmapDelta delta = LabelmapDelta::fromVolumes(labels_, edited);
    if (delta.isEmpty()) return false;
    undoStack_.push(std::make_unique<LabelEditCommand>(*this, std::move(delta), description).release());
    return true;
}

void Segmentation::applyDelta(const LabelmapDelta &delta, bool forward) {
    if (delta.isEmpty()) return;
    if (forward) delta.apply(labels_);
    else delta.revert(labels_);
    emit labelsChanged(delta.touchedLabels(), delta.box());
}

void Segmentation::insertSegment(const Segment &segment) {
    if (this->segment(segment.value)) return;
    const auto position = std::lower_bound(segments_.begin(), segments_.end(), segment.value,
                                           [](const Segment &s, int value) { return s.value < value; });
    segments_.insert(position, segment);
    emit segmentsChanged();
}

void Segmentation::eraseSegment(int value) {
    segments_.removeIf([value](const Segment &s) { return s.value == value; });
    emit segmentsChanged();
}

void Segmentation::setSegmentName(int value, const QString &name) {
    if (Segment *s = findSegment(value)) {
        s->name = name;
        emit segmentsChanged();
    }
}

}  // namespace twin::imaging
