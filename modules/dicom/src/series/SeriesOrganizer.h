#pragma once
// Internal: frames of one series -> loadables (split by orientation and size, localizers out,
// sorted along the normal, 4D grouping) and the geometry findings of each.

#include "twin/dicom/SeriesExamination.h"

namespace twin::dicom::series {

/// Tolerance (mm) under which two slice positions are the same position.
inline constexpr double kSamePositionMm = 0.01;

SeriesExamination organiseFrames(const QList<SeriesFrame> &frames, SeriesFindings seriesFindings);

/// Positions of the slices of a sorted 3D stack along the normal (mm).
std::vector<double> positionsAlongNormal(const SeriesLoadable &loadable, const std::vector<int> &stack);

/// The most common distance between consecutive positions (median).
double typicalSpacing(const std::vector<double> &positions);

/// A finding about `file` (or the series when empty).
SeriesFinding makeFinding(SeriesFinding::Severity severity, SeriesFinding::Kind kind, QString text, QString file = {});

}  // namespace twin::dicom::series
