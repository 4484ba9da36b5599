#pragma once
// A labelmap: a ScalarVolume of label values (0 = background) and the table that names them.
// A binary mask is a LabelMap with one entry of value 1. Overlapping structures (RTSTRUCT ROIs,
// SEG segments) are kept as separate LabelMaps, never merged into one. Header-only.

#include "twin/core/ScalarVolume.h"

#include <QList>
#include <QString>

#include <array>
#include <cstddef>
#include <optional>

namespace twin::core {

/// A coded concept (DICOM code sequence item, e.g. SCT 10200004 "Liver").
struct CodedConcept {
    QString value;
    QString scheme;
    QString meaning;
    bool isEmpty() const { return value.isEmpty() && meaning.isEmpty(); }
};

struct LabelInfo {
    int value = 1;
    QString name;
    std::array<int, 3> rgb{255, 255, 255};
    bool hasColour = false;  // false: rgb is a default, not from the file
    std::optional<CodedConcept> category;  // e.g. SEG SegmentedPropertyCategoryCodeSequence
    std::optional<CodedConcept> type;      // e.g. SEG SegmentedPropertyTypeCodeSequence
};

struct LabelMap {
    ScalarVolume volume;
    QList<LabelInfo> labels;

    std::size_t count(int value) const {
        std::size_t n = 0;
        for (const std::int16_t v : volume.voxels()) n += (v == value) ? 1 : 0;
        return n;
    }
    double volumeMm3(int value) const { return static_cast<double>(count(value)) * volume.geometry().voxelVolumeMm3(); }
};

}  // namespace twin::core
