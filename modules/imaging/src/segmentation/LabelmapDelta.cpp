#include "twin/imaging/LabelmapDelta.h"

#include <algorithm>
#include <optional>
#include <set>

namespace twin::imaging {

void IndexBox::include(int i, int j, int k) {
    const int index[3] = {i, j, k};
    for (int a = 0; a < 3; ++a) {
        lo[a] = std::min(lo[a], index[a]);
        hi[a] = std::max(hi[a], index[a]);
    }
}

void IndexBox::include(const IndexBox &other) {
    if (other.isEmpty()) return;
    include(other.lo[0], other.lo[1], other.lo[2]);
    include(other.hi[0], other.hi[1], other.hi[2]);
}

// `changedValue(offset, current)` returns the new value of a voxel, or nothing to keep it.
template <class Changed>
LabelmapDelta LabelmapDelta::collect(const core::ScalarVolume &labels, const IndexBox &within, Changed changedValue) {
    LabelmapDelta delta;
    const auto &voxels = labels.voxels();
    std::set<int> touched;
    std::array<int, 3> lo{0, 0, 0}, hi{labels.dimension(0) - 1, labels.dimension(1) - 1, labels.dimension(2) - 1};
    if (!within.isEmpty()) {
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::max(lo[a], within.lo[a]);
            hi[a] = std::min(hi[a], within.hi[a]);
        }
    }
    for (int k = lo[2]; k <= hi[2]; ++k) {
        for (int j = lo[1]; j <= hi[1]; ++j) {
            bool inRun = false;  // runs never cross a row
            std::int64_t offset = (static_cast<std::int64_t>(k) * labels.dimension(1) + j) * labels.dimension(0) + lo[0];
            for (int i = lo[0]; i <= hi[0]; ++i, ++offset) {
                const std::int16_t current = voxels[offset];
                const std::optional<std::int16_t> next = changedValue(offset, current);
                if (!next || *next == current) {
                    inRun = false;
                    continue;
                }
                if (!inRun) delta.runs_.push_back({offset, 0});
                inRun = true;
                ++delta.runs_.back().length;
                delta.box_.include(i, j, k);
                delta.before_.push_back(current);
                delta.after_.push_back(*next);
                if (current) touched.insert(current);
                if (*next) touched.insert(*next);
            }
        }
    }
    delta.touched_ = QList<int>(touched.begin(), touched.end());
    return delta;
}

LabelmapDelta LabelmapDelta::fromMask(const core::ScalarVolume &labels, const VolumeMask &mask, std::int16_t value,
                                      PaintMode mode, const IndexBox &within) {
    if (mask.size() != labels.voxels().size()) return {};
    return collect(labels, within, [&](std::int64_t offset, std::int16_t current) -> std::optional<std::int16_t> {
        if (!mask[offset]) return std::nullopt;
        switch (mode) {
        case PaintMode::Overwrite: return value;
        case PaintMode::BackgroundOnly: return current == 0 ? std::optional<std::int16_t>(value) : std::nullopt;
        case PaintMode::Erase: return current == value ? std::optional<std::int16_t>(0) : std::nullopt;
        }
        return std::nullopt;
    });
}

LabelmapDelta LabelmapDelta::fromVolumes(const core::ScalarVolume &labels, const std::vector<std::int16_t> &edited) {
    if (edited.size() != labels.voxels().size()) return {};
    return collect(labels, IndexBox{}, [&](std::int64_t offset, std::int16_t) -> std::optional<std::int16_t> { return edited[offset]; });
}

void LabelmapDelta::apply(core::ScalarVolume &labels) const {
    std::size_t value = 0;
    for (const Run &run : runs_) {
        std::copy_n(after_.begin() + value, run.length, labels.voxels().begin() + run.offset);
        value += run.length;
    }
}

void LabelmapDelta::revert(core::ScalarVolume &labels) const {
    std::size_t value = 0;
    for (const Run &run : runs_) {
        std::copy_n(before_.begin() + value, run.length, labels.voxels().begin() + run.offset);
        value += run.length;
    }
}

std::size_t LabelmapDelta::memoryBytes() const {
    return runs_.capacity() * sizeof(Run) + (before_.capacity() + after_.capacity()) * sizeof(std::int16_t) + sizeof(*this);
}

}  // namespace twin::imaging
