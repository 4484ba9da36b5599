#pragma once
// What the DICOM browser shows for one image series before it is opened: the preselected
// loadable's dimensions and slice count, the geometry warnings a clinician must see (gaps,
// uneven spacing, tilt, several loadables), and a thumbnail of its middle slice. Built on the
// scan job's worker thread: headers are read again (bounded reads), and one frame decoded.

#include "twin/core/JobContext.h"

#include <QImage>
#include <QString>
#include <QStringList>

namespace twin::ui {

struct SeriesOverview {
    int columns = 0;
    int rows = 0;
    int slices = 0;
    int volumes = 1;  ///< > 1 for 4D (echoes, temporal positions)
    int loadables = 0;
    QStringList warnings;
    QImage thumbnail;  ///< kThumbnailSize square, grey; null when the slice could not be decoded

    static constexpr int kThumbnailSize = 48;

    /// Examines `files` (one series) and decodes the middle slice of the preselected loadable.
    /// CT thumbnails use a soft-tissue window (W 400, L 40); others the 1st-99th percentile.
    static SeriesOverview of(const QStringList &files, const QString &modality, core::JobContext *context = nullptr);
    /// "512 × 512 × 120" (× N volumes for 4D); empty when unknown.
    QString sizeText() const;
};

}  // namespace twin::ui
